package org.hirmtl.eval.boundary;

import java.util.Random;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

/**
 * Prints the evaluation speed on NYUD-sized images (480×640, maxDist 0.011, 99 thresholds): ground truth = the
 * boundaries of smooth random blobs, prediction = a blurred copy with noise. Nothing is asserted. By default a few
 * images; {@code -Dhirmtl.boundary.speedImages=20} for the full check.
 */
class BoundarySpeedTest {

    private static final int H = 480;
    private static final int W = 640;

    @Test
    void printsImagesPerSecond() {
        int images = Integer.getInteger("hirmtl.boundary.speedImages", 2);
        int threads = Runtime.getRuntime().availableProcessors();
        DenseMap[][] data = new DenseMap[images][];
        for (int i = 0; i < images; i++) {
            data[i] = image(new Random(100 + i));
        }
        long start = System.nanoTime();
        BoundaryResult r;
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.011, 99, threads)) {
            for (DenseMap[] d : data) {
                ev.add(d[0], d[1]);
            }
            r = ev.result();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("boundary eval: %d images %dx%d, %d threads: %.2f s, %.2f images/s, 654 images ≈ %.0f s;"
                + " %s%n", images, H, W, threads, seconds, images / seconds, 654 * seconds / images, r);
    }

    /** {prediction, ground truth}: boundaries of random blobs; the prediction blurs them and adds noise. */
    static DenseMap[] image(Random rnd) {
        int[] label = new int[H * W];
        for (int b = 1; b <= 8; b++) {
            double cx = rnd.nextDouble() * W;
            double cy = rnd.nextDouble() * H;
            double ax = 40 + rnd.nextDouble() * 120;
            double ay = 40 + rnd.nextDouble() * 120;
            double phase = rnd.nextDouble() * 6.3;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double dx = (x - cx) / ax;
                    double dy = (y - cy) / ay;
                    double wobble = 1 + 0.15 * Math.sin(5 * Math.atan2(dy, dx) + phase);
                    if (dx * dx + dy * dy < wobble * wobble) {
                        label[y * W + x] = b;
                    }
                }
            }
        }
        DenseMap gt = DenseMap.zeros(1, H, W);
        for (int y = 0; y < H - 1; y++) {
            for (int x = 0; x < W - 1; x++) {
                int l = label[y * W + x];
                if (l != label[y * W + x + 1] || l != label[(y + 1) * W + x]) {
                    gt.set(0, y, x, 1);
                }
            }
        }
        float[] soft = gt.data().clone();
        for (int pass = 0; pass < 3; pass++) {
            soft = boxBlur(soft);
        }
        DenseMap pred = DenseMap.zeros(1, H, W);
        for (int i = 0; i < soft.length; i++) {
            double v = 2.5 * soft[i] + 0.25 * rnd.nextDouble() * rnd.nextDouble();
            pred.data()[i] = (float) Math.min(1, v);
        }
        return new DenseMap[] {pred, gt};
    }

    private static float[] boxBlur(float[] in) {
        float[] out = new float[in.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float s = 0;
                int n = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < H && xx >= 0 && xx < W) {
                            s += in[yy * W + xx];
                            n++;
                        }
                    }
                }
                out[y * W + x] = s / n;
            }
        }
        return out;
    }
}
