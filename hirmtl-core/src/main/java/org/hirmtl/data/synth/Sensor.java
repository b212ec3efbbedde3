package org.hirmtl.data.synth;

import java.util.SplittableRandom;

/**
 * The imperfect sensors: Kinect-like depth dropouts (a few elliptical blobs, plus pixels on the far side of depth
 * discontinuities, as the projector's shadow does) and colour noise (white balance and Gaussian noise).
 */
final class Sensor {
    private static final double SQRT3 = Math.sqrt(3);

    private Sensor() {
    }

    /** Chooses the depth holes and zeroes {@code depth} there; returns the hole mask. */
    static boolean[] depthHoles(float[] depth, int[] instances, int height, int width, SplittableRandom rng) {
        boolean[] holes = new boolean[height * width];
        int blobs = 1 + rng.nextInt(4);
        for (int i = 0; i < blobs; i++) {
            blob(holes, height, width, rng);
        }
        double edgeRate = rng.nextDouble(0.1, 0.5);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (x + 1 < width) {
                    edgeHole(holes, depth, instances, p, p + 1, x > 0 ? p - 1 : -1, x + 2 < width ? p + 2 : -1,
                            edgeRate, rng);
                }
                if (y + 1 < height) {
                    edgeHole(holes, depth, instances, p, p + width, y > 0 ? p - width : -1,
                            y + 2 < height ? p + 2 * width : -1, edgeRate, rng);
                }
            }
        }
        for (int p = 0; p < holes.length; p++) {
            if (holes[p]) {
                depth[p] = 0f;
            }
        }
        return holes;
    }

    private static void blob(boolean[] holes, int height, int width, SplittableRandom rng) {
        int size = Math.min(height, width);
        double rx = Math.max(1.0, rng.nextDouble(0.015, 0.07) * size);
        double ry = Math.max(1.0, rng.nextDouble(0.015, 0.07) * size);
        double cx = rng.nextDouble(0, width);
        double cy = rng.nextDouble(0, height);
        double angle = rng.nextDouble(0, Math.PI);
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double reach = Math.max(rx, ry);
        for (int y = (int) Math.max(0, cy - reach); y < Math.min(height, cy + reach + 1); y++) {
            for (int x = (int) Math.max(0, cx - reach); x < Math.min(width, cx + reach + 1); x++) {
                double u = (c * (x - cx) + s * (y - cy)) / rx;
                double v = (-s * (x - cx) + c * (y - cy)) / ry;
                if (u * u + v * v <= 1) {
                    holes[y * width + x] = true;
                }
            }
        }
    }

    /**
     * Across an instance boundary {@code p | q} with a depth jump, sometimes drops the farther pixel and, half of
     * the time, also the pixel beyond it on the same surface ({@code beforeP}, {@code afterQ}; -1 if off the image).
     */
    private static void edgeHole(boolean[] holes, float[] depth, int[] instances, int p, int q, int beforeP,
                                 int afterQ, double rate, SplittableRandom rng) {
        if (instances[p] == instances[q]) {
            return;
        }
        float near = Math.min(depth[p], depth[q]);
        if (Math.abs(depth[p] - depth[q]) < 0.05f * near || rng.nextDouble() >= rate) {
            return;
        }
        boolean qFar = depth[q] > depth[p];
        int far = qFar ? q : p;
        int beyond = qFar ? afterQ : beforeP;
        holes[far] = true;
        if (rng.nextBoolean() && beyond >= 0 && instances[beyond] == instances[far]) {
            holes[beyond] = true;
        }
    }

    /** An approximately standard normal value (Irwin-Hall, 4 uniforms): exact arithmetic, cheap, reproducible. */
    private static double gaussian(SplittableRandom rng) {
        double sum = rng.nextDouble() + rng.nextDouble() + rng.nextDouble() + rng.nextDouble();
        return (sum - 2) * SQRT3;
    }

    /** Per-channel gain and additive Gaussian noise, clamped to [0, 1]. */
    static void colourNoise(float[] rgb, SplittableRandom rng) {
        int pixels = rgb.length / 3;
        double sigma = rng.nextDouble(0.005, 0.02);
        for (int c = 0; c < 3; c++) {
            double gain = rng.nextDouble(0.95, 1.05);
            for (int p = c * pixels; p < (c + 1) * pixels; p++) {
                double v = rgb[p] * gain + sigma * gaussian(rng);
                rgb[p] = (float) (v < 0 ? 0 : Math.min(v, 1));
            }
        }
    }
}
