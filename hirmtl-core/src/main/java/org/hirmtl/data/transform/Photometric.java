package org.hirmtl.data.transform;

import java.util.SplittableRandom;
import org.hirmtl.api.data.DenseMap;

/** Colour jitter of an RGB map in [0, 1]: brightness, contrast and saturation factors in [1 − 0.4s, 1 + 0.4s]. */
final class Photometric {
    private Photometric() {
    }

    static void jitter(DenseMap rgb, double strength, SplittableRandom rng) {
        double range = 0.4 * strength;
        float brightness = (float) (1 + (rng.nextDouble() * 2 - 1) * range);
        float contrast = (float) (1 + (rng.nextDouble() * 2 - 1) * range);
        float saturation = (float) (1 + (rng.nextDouble() * 2 - 1) * range);
        float[] d = rgb.data();
        int n = rgb.pixels();
        double sum = 0;
        for (int p = 0; p < n; p++) {
            sum += grey(d, n, p);
        }
        float mean = (float) (sum / n) * brightness;
        for (int p = 0; p < n; p++) {
            float g = grey(d, n, p) * brightness;
            for (int c = 0; c < 3; c++) {
                float v = d[c * n + p] * brightness;
                v = g + (v - g) * saturation;
                v = mean + (v - mean) * contrast;
                d[c * n + p] = v < 0 ? 0 : Math.min(v, 1f);
            }
        }
    }

    private static float grey(float[] d, int n, int p) {
        return 0.299f * d[p] + 0.587f * d[n + p] + 0.114f * d[2 * n + p];
    }
}
