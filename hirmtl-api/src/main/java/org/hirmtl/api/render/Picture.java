package org.hirmtl.api.render;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A prediction drawn for people, with what a reader needs to interpret the colours.
 *
 * @param image the picture, at the prediction's size
 * @param legend colour swatches with labels (e.g. the classes present), possibly empty
 * @param bar the colour scale of a continuous map, or {@code null}
 */
public record Picture(BufferedImage image, List<Swatch> legend, ColourBar bar) {
    /**
     * Freezes the legend.
     *
     * @param image the picture, at the prediction's size
     * @param legend colour swatches with labels (e.g. the classes present), possibly empty; copied unmodifiable
     * @param bar the colour scale of a continuous map, or {@code null}
     */
    public Picture {
        legend = List.copyOf(legend);
    }

    /**
     * One legend entry.
     *
     * @param rgb the colour ({@code 0xRRGGBB})
     * @param label what it means
     */
    public record Swatch(int rgb, String label) {
    }

    /**
     * The scale of a continuous map: {@code low} is drawn with {@code map.rgb(reversed ? 1 : 0)}.
     *
     * @param map the colour map
     * @param low the value at one end
     * @param high the value at the other end
     * @param unit unit of the values (e.g. {@code m}), possibly empty
     * @param reversed whether {@code low} maps to the top of the colour map
     */
    public record ColourBar(ColourMap map, double low, double high, String unit, boolean reversed) {
        /**
         * The colour of {@code value} on this scale.
         *
         * @param value a value of the map, in {@code unit}
         * @return the colour as {@code 0xRRGGBB}; values outside [low, high] get the colour of the nearer end
         */
        public int rgb(double value) {
            double t = high > low ? (value - low) / (high - low) : 0.5;
            return map.rgb(reversed ? 1 - t : t);
        }
    }
}
