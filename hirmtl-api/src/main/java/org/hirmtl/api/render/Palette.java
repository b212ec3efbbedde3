package org.hirmtl.api.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Colours for class ids: the PASCAL VOC colour map, the field's de-facto standard (MTI-Net, InvPT and the VOC
 * development kit draw segmentations with it). Class {@code id} gets the colour whose R, G and B bits are the bit
 * reversal of {@code id}'s bits taken three at a time: bit 0 of the id goes to the top bit of R, bit 1 to the top bit of
 * G, bit 2 to the top bit of B, bit 3 to the second bit of R, and so on. Id 0 is black, 1 dark red (128, 0, 0), 2 dark
 * green (0, 128, 0), 3 olive (128, 128, 0), 4 navy (0, 0, 128). Ignored pixels (255 in targets) are never predicted.
 *
 * <p>A bundle may carry its own palette ({@code palette.json}); this class gives the default.
 */
public final class Palette {
    private final int[] rgb;

    private Palette(int[] rgb) {
        this.rgb = rgb;
    }

    /**
     * The VOC palette for {@code classes} ids.
     *
     * @param classes the number of class ids
     * @return the VOC colours of ids {@code 0..classes-1}
     */
    public static Palette voc(int classes) {
        int[] rgb = new int[classes];
        for (int id = 0; id < classes; id++) {
            rgb[id] = vocColour(id);
        }
        return new Palette(rgb);
    }

    /**
     * A palette from explicit {@code 0xRRGGBB} colours, one per class.
     *
     * @param rgb the colour of each class id, indexed by id (copied)
     * @return the palette
     */
    public static Palette of(int[] rgb) {
        return new Palette(rgb.clone());
    }

    /**
     * The VOC colour of one class id as {@code 0xRRGGBB}.
     *
     * @param id a class id (≥ 0)
     * @return the id's colour by the VOC bit-reversal rule
     */
    public static int vocColour(int id) {
        int r = 0;
        int g = 0;
        int b = 0;
        int c = id;
        for (int j = 7; j >= 0 && c > 0; j--) {
            r |= (c & 1) << j;
            g |= ((c >> 1) & 1) << j;
            b |= ((c >> 2) & 1) << j;
            c >>= 3;
        }
        return (r << 16) | (g << 8) | b;
    }

    /**
     * Number of classes.
     *
     * @return how many class ids have a colour in this palette
     */
    public int size() {
        return rgb.length;
    }

    /**
     * The colour of class {@code id} as {@code 0xRRGGBB} (ids beyond the palette use the VOC rule).
     *
     * @param id a class id
     * @return the class's colour as {@code 0xRRGGBB}
     */
    public int rgb(int id) {
        return id >= 0 && id < rgb.length ? rgb[id] : vocColour(id);
    }

    /**
     * The colour of class {@code id}.
     *
     * @param id a class id
     * @return the colour of {@link #rgb(int)} as an AWT colour
     */
    public Color colour(int id) {
        return new Color(rgb(id));
    }

    /**
     * The palette as a list of {@code [r, g, b]} triples (for {@code palette.json}).
     *
     * @return one triple per class in class-id order, each value in 0..255
     */
    public List<int[]> triples() {
        List<int[]> out = new ArrayList<>();
        for (int c : rgb) {
            out.add(new int[] {(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff});
        }
        return out;
    }

    /**
     * The inverse of {@link #triples()}.
     *
     * @param triples one {@code [r, g, b]} triple per class in class-id order (only the low 8 bits of each value
     *                are used)
     * @return the palette
     * @throws IllegalArgumentException if an entry does not have exactly 3 values
     */
    public static Palette fromTriples(List<int[]> triples) {
        int[] rgb = new int[triples.size()];
        for (int i = 0; i < rgb.length; i++) {
            int[] t = triples.get(i);
            if (t.length != 3) {
                throw new IllegalArgumentException("palette entry " + i + " has " + t.length + " values, not 3");
            }
            rgb[i] = ((t[0] & 0xff) << 16) | ((t[1] & 0xff) << 8) | (t[2] & 0xff);
        }
        return new Palette(rgb);
    }
}
