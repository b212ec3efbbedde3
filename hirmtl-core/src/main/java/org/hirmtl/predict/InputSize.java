package org.hirmtl.predict;

/**
 * How an image of any size is brought to a size the network accepts; predictions are always mapped back to the
 * image's own size.
 *
 * @param mode the policy
 * @param height the fixed height ({@link Mode#FIXED} only)
 * @param width the fixed width ({@link Mode#FIXED} only)
 */
public record InputSize(Mode mode, int height, int width) {
    /** The policies. */
    public enum Mode {
        /** Resize to the size the model was trained at, resize predictions back (bilinear). The default. */
        MODEL,
        /** Resize to a given size (a multiple of the backbone's largest stride), resize predictions back. */
        FIXED,
        /**
         * Run at the image's own resolution: pad the bottom and right edges (replicating the border) up to the next
         * multiple of the backbone's largest stride, and crop the predictions.
         */
        KEEP
    }

    /** The model's own size. */
    public static final InputSize MODEL = new InputSize(Mode.MODEL, 0, 0);
    /** The image's own size, padded. */
    public static final InputSize KEEP = new InputSize(Mode.KEEP, 0, 0);

    /** A fixed size. */
    public static InputSize fixed(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + height + "x" + width);
        }
        return new InputSize(Mode.FIXED, height, width);
    }
}
