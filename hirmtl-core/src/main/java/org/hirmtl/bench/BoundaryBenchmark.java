package org.hirmtl.bench;

import java.util.Random;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.eval.boundary.BoundaryEvaluator;
import org.hirmtl.eval.boundary.BoundaryResult;

/**
 * {@code hirmtl bench boundaries}: the speed of the boundary evaluation (99 thresholds, thinning and matching; or the
 * SEISM pipeline: 8-bit quantisation, NMS, 101 thresholds) on synthetic NYUD-sized edge maps, as {@code hirmtl eval}
 * runs it.
 *
 * <p>Each image's ground truth is the boundary map of eight overlapping random blobs with wobbly outlines; its
 * prediction is that map box-blurred three times (radius 2), scaled by 2.5 and clipped, plus a per-pixel noise
 * floor {@code 0.25 · u1 · u2} ({@code u} uniform), so that the low thresholds see the large, perforated foreground
 * a weak network's edge map gives. Images are generated (in parallel) before the clock starts; the time covers
 * {@link BoundaryEvaluator#add} for every image and {@link BoundaryEvaluator#result}. Everything is seeded, so the
 * scores are the same on every run and every thread count.
 */
public final class BoundaryBenchmark {

    /**
     * What to measure.
     *
     * @param images  number of images (654 = NYUD's test split)
     * @param height  image height (480 for NYUD)
     * @param width   image width (640 for NYUD)
     * @param maxDist matching tolerance as a fraction of the diagonal (0.011 for NYUD)
     * @param threads evaluator threads
     * @param seed    seed of the first image (image {@code i} uses {@code seed + i})
     * @param seism   time the SEISM pipeline ({@link BoundaryEvaluator#seism}) instead of the BSDS core
     */
    public record Options(int images, int height, int width, double maxDist, int threads, long seed, boolean seism) {
        /** Requires positive counts and sizes. */
        public Options {
            if (images < 1 || height < 8 || width < 8 || threads < 1) {
                throw new IllegalArgumentException("need images >= 1, a size of at least 8x8 and threads >= 1, got "
                        + images + " images, " + height + "x" + width + ", " + threads + " threads");
            }
        }
    }

    /**
     * What was measured.
     *
     * @param seconds   evaluation time, generation excluded
     * @param generated seconds spent generating the images
     * @param result    the scores
     */
    public record Result(double seconds, double generated, BoundaryResult result) {
        /** Images per second. */
        public double imagesPerSecond() {
            return result.images() / seconds;
        }
    }

    private BoundaryBenchmark() {
    }

    /** Generates the images, then evaluates them all once and times it. */
    public static Result run(Options o) {
        long t0 = System.nanoTime();
        DenseMap[][] data = new DenseMap[o.images()][];
        java.util.stream.IntStream.range(0, o.images()).parallel()
                .forEach(i -> data[i] = image(new Random(o.seed() + i), o.height(), o.width()));
        long t1 = System.nanoTime();
        BoundaryResult r;
        try (BoundaryEvaluator ev = o.seism() ? BoundaryEvaluator.seism(o.maxDist(), o.threads())
                : new BoundaryEvaluator(o.maxDist(), 99, o.threads())) {
            for (DenseMap[] d : data) {
                ev.add(d[0], d[1]);
            }
            r = ev.result();
        }
        long t2 = System.nanoTime();
        return new Result((t2 - t1) / 1e9, (t1 - t0) / 1e9, r);
    }

    /** {prediction, ground truth} of one synthetic image. */
    static DenseMap[] image(Random rnd, int h, int w) {
        int[] label = new int[h * w];
        double scale = Math.min(h / 480.0, w / 640.0);
        for (int b = 1; b <= 8; b++) {
            double cx = rnd.nextDouble() * w;
            double cy = rnd.nextDouble() * h;
            double ax = (40 + rnd.nextDouble() * 120) * scale;
            double ay = (40 + rnd.nextDouble() * 120) * scale;
            double phase = rnd.nextDouble() * 6.3;
            // the outline's radius is 1 ± 0.15: outside 1.16 nothing is inside, within 0.84 everything is
            int y0 = Math.max(0, (int) Math.floor(cy - 1.16 * ay));
            int y1 = Math.min(h - 1, (int) Math.ceil(cy + 1.16 * ay));
            int x0 = Math.max(0, (int) Math.floor(cx - 1.16 * ax));
            int x1 = Math.min(w - 1, (int) Math.ceil(cx + 1.16 * ax));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double dx = (x - cx) / ax;
                    double dy = (y - cy) / ay;
                    double r2 = dx * dx + dy * dy;
                    if (r2 >= 1.16 * 1.16) {
                        continue;
                    }
                    double wobble = r2 < 0.84 * 0.84 ? 1 : 1 + 0.15 * Math.sin(5 * Math.atan2(dy, dx) + phase);
                    if (r2 < 0.84 * 0.84 || r2 < wobble * wobble) {
                        label[y * w + x] = b;
                    }
                }
            }
        }
        DenseMap gt = DenseMap.zeros(1, h, w);
        for (int y = 0; y < h - 1; y++) {
            for (int x = 0; x < w - 1; x++) {
                int l = label[y * w + x];
                if (l != label[y * w + x + 1] || l != label[(y + 1) * w + x]) {
                    gt.set(0, y, x, 1);
                }
            }
        }
        float[] soft = gt.data().clone();
        for (int pass = 0; pass < 3; pass++) {
            soft = boxBlur(soft, h, w);
        }
        DenseMap pred = DenseMap.zeros(1, h, w);
        for (int i = 0; i < soft.length; i++) {
            double v = 2.5 * soft[i] + 0.25 * rnd.nextDouble() * rnd.nextDouble();
            pred.data()[i] = (float) Math.min(1, v);
        }
        return new DenseMap[] {pred, gt};
    }

    /** 5×5 box blur, the window clipped at the border (running sums: a row pass, then a column pass). */
    private static float[] boxBlur(float[] in, int h, int w) {
        float[] rows = new float[in.length];
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int xx = Math.max(0, x - 2); xx <= Math.min(w - 1, x + 2); xx++) {
                    s += in[y * w + xx];
                }
                rows[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - 2);
            int y1 = Math.min(h - 1, y + 2);
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int yy = y0; yy <= y1; yy++) {
                    s += rows[yy * w + x];
                }
                int n = (y1 - y0 + 1) * (Math.min(w - 1, x + 2) - Math.max(0, x - 2) + 1);
                out[y * w + x] = s / n;
            }
        }
        return out;
    }
}
