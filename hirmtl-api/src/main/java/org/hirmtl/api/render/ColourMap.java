package org.hirmtl.api.render;

/**
 * Continuous colour maps for scalar maps such as depth. {@link #TURBO} is Google's Turbo map (an improved rainbow with
 * monotone lightness in each half, readable in greyscale), evaluated with its published degree-5 polynomial
 * approximation; {@link #GREY} is a plain black-to-white ramp.
 */
public enum ColourMap {
    /** Turbo: dark blue (0) through green and yellow to dark red (1). */
    TURBO {
        @Override
        public int rgb(double t) {
            double x = clamp(t);
            double r = 0.13572138 + x * (4.61539260 + x * (-42.66032258 + x * (132.13108234 + x * (-152.94239396
                    + x * 59.28637943))));
            double g = 0.09140261 + x * (2.19418839 + x * (4.84296658 + x * (-14.18503333 + x * (4.27729857
                    + x * 2.82956604))));
            double b = 0.10667330 + x * (12.64194608 + x * (-60.58204836 + x * (110.36276771 + x * (-89.90310912
                    + x * 27.34824973))));
            return pack(r, g, b);
        }
    },
    /** Black (0) to white (1). */
    GREY {
        @Override
        public int rgb(double t) {
            double x = clamp(t);
            return pack(x, x, x);
        }
    };

    /**
     * The colour at {@code t} in [0, 1] (clamped; NaN is black) as {@code 0xRRGGBB}.
     *
     * @param t the position on the map, 0 at its start and 1 at its end
     * @return the colour as {@code 0xRRGGBB}
     */
    public abstract int rgb(double t);

    private static double clamp(double t) {
        return Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    }

    private static int pack(double r, double g, double b) {
        return (channel(r) << 16) | (channel(g) << 8) | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }
}
