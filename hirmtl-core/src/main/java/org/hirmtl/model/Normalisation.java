package org.hirmtl.model;

/**
 * Per-channel input normalisation {@code (x − mean) / std} of RGB in [0, 1]; stored with every checkpoint.
 *
 * @param mean per-channel mean (R, G, B)
 * @param std per-channel standard deviation
 */
public record Normalisation(double[] mean, double[] std) {
    /** ImageNet statistics, the field's convention. */
    public static final Normalisation IMAGENET = new Normalisation(new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225});

    /** Requires three positive standard deviations. */
    public Normalisation {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("normalisation needs 3 means and 3 standard deviations");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalisation std must be positive: " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Normalises an {@code N×3×H×W} array in place. */
    public void apply(float[] images, int plane) {
        int n = images.length / (3 * plane);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                float m = (float) mean[c];
                float inv = (float) (1.0 / std[c]);
                int off = (i * 3 + c) * plane;
                for (int p = 0; p < plane; p++) {
                    images[off + p] = (images[off + p] - m) * inv;
                }
            }
        }
    }
}
