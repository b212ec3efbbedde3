package org.hirmtl.predict.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.render.ColourMap;
import org.hirmtl.api.render.Palette;
import org.hirmtl.api.render.Picture;
import org.hirmtl.api.render.Pictures;
import org.junit.jupiter.api.Test;

/** The VOC palette, the colour maps and the standard pictures. */
class PaletteTest {
    @Test
    void vocColoursMatchTheDevkit() {
        // VOCdevkit's labelcolormap: background, aeroplane, bicycle, bird, boat, ... 15 = person (192,128,128)
        assertEquals(0x000000, Palette.vocColour(0));
        assertEquals(0x800000, Palette.vocColour(1));
        assertEquals(0x008000, Palette.vocColour(2));
        assertEquals(0x808000, Palette.vocColour(3));
        assertEquals(0x000080, Palette.vocColour(4));
        assertEquals(0xc08080, Palette.vocColour(15));
        assertEquals(0x004080, Palette.vocColour(20));
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            distinct.add(Palette.vocColour(i));
        }
        assertEquals(256, distinct.size());
    }

    @Test
    void palettesRoundTripThroughTriples() {
        Palette p = Palette.voc(5);
        Palette q = Palette.fromTriples(p.triples());
        for (int i = 0; i < 5; i++) {
            assertEquals(p.rgb(i), q.rgb(i));
        }
        assertArrayEquals(new int[] {128, 128, 0}, p.triples().get(3));
    }

    @Test
    void colourMapsAreClampedAndTurboRunsBlueToRed() {
        assertEquals(0x000000, ColourMap.GREY.rgb(-1));
        assertEquals(0xffffff, ColourMap.GREY.rgb(2));
        int lo = ColourMap.TURBO.rgb(0.1);
        int hi = ColourMap.TURBO.rgb(0.9);
        assertTrue((lo & 0xff) > (lo >> 16), "turbo starts blue");
        assertTrue((hi >> 16) > (hi & 0xff), "turbo ends red");
    }

    @Test
    void labelPicturesListPresentClassesLargestFirstWithNames() {
        DenseMap scores = DenseMap.zeros(3, 2, 2);
        scores.set(2, 0, 0, 1); // pixel 0 -> class 2; the others -> class 0 (ties to the lower id)
        Picture p = Pictures.standard(TargetKind.LABELS, scores,
                new TaskConfig(1, java.util.Map.of("class_names", List.of("wall", "floor", "box"))), null);
        assertEquals(0x000000, p.image().getRGB(1, 1) & 0xffffff);
        assertEquals(Palette.vocColour(2), p.image().getRGB(0, 0) & 0xffffff);
        assertEquals(List.of("0 wall 75%", "2 box 25%"), p.legend().stream().map(Picture.Swatch::label).toList());
    }

    @Test
    void depthPicturesStateTheirRangeAndDrawNearAsRed() {
        DenseMap d = new DenseMap(1, 1, 2, new float[] {1.5f, 4f});
        Picture p = Pictures.standard(TargetKind.DEPTH, d, null, null);
        assertEquals(1.5, p.bar().low(), 1e-6);
        assertEquals(4.0, p.bar().high(), 1e-6);
        assertEquals("m", p.bar().unit());
        int near = p.image().getRGB(0, 0);
        assertTrue(((near >> 16) & 0xff) > (near & 0xff), "near is red");
    }

    @Test
    void normalsAreDrawnAsRgb() {
        DenseMap n = new DenseMap(3, 1, 1, new float[] {0, 0, 1});
        assertEquals(0x8080ff, Pictures.standard(TargetKind.NORMALS, n, null, null).image().getRGB(0, 0) & 0xffffff);
    }
}
