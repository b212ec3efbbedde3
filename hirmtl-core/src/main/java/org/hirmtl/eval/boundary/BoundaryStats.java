package org.hirmtl.eval.boundary;

import java.util.Arrays;
import java.util.List;

/**
 * Dataset scores from per-image counts, following BSDS's {@code collect_eval_bdry.m} line by line.
 * <ul>
 *   <li>Per threshold {@code R = cntR / (sumR + (sumR == 0))}, {@code P = cntP / (sumP + (sumP == 0))},
 *       {@code F = 2PR / (P + R + ((P + R) == 0))}.</li>
 *   <li>ODS: counts summed over images per threshold, then {@code maxF}: starting from the first threshold, for
 *       each pair of adjacent thresholds the threshold, R and P are interpolated linearly at
 *       {@code d = linspace(0, 1)} (100 points, {@code d = j/99}) and the largest F (first one on ties) wins,
 *       with its threshold.</li>
 *   <li>OIS: for each image the first threshold with the largest un-interpolated F ({@code find(F == max(F))});
 *       those counts are summed over images, then F.</li>
 *   <li>AP: the pooled R made unique ({@code [Ru, indR] = unique(R)}, ascending, first occurrence as current
 *       MATLAB returns it), P taken at those indices, interpolated linearly ({@code interp1}) at
 *       {@code R = 0, 0.01, …, 1}; points outside {@code [min Ru, max Ru]} count 0; {@code AP = 0.01 · Σ P};
 *       AP = 0 when R takes a single value.</li>
 * </ul>
 */
final class BoundaryStats {

    private BoundaryStats() {
    }

    /** BSDS's {@code fmeasure(r, p)}. */
    static double fMeasure(double r, double p) {
        return 2 * p * r / (p + r + ((p + r) == 0 ? 1 : 0));
    }

    /** Scores of the given images (in any order: every sum is of integers). */
    static BoundaryResult collect(double[] thresholds, List<ImageCounts> images) {
        int n = thresholds.length;
        Pooled c = Pooled.of(n, images,
                (cntR, sumR, cntP, sumP) -> fMeasure(ratio(cntR, sumR), ratio(cntP, sumP)));
        double[] r = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = ratio(c.cntR()[k], c.sumR()[k]);
            p[k] = ratio(c.cntP()[k], c.sumP()[k]);
        }
        double[] ods = maxF(thresholds, r, p);
        long[] best = c.best();
        double ois = fMeasure(ratio(best[0], best[1]), ratio(best[2], best[3]));
        return new BoundaryResult(ods[1], ois, areaPR(r, p), ods[0], thresholds.clone(), p, r, images.size());
    }

    /** One image's F at one threshold, from its counts. */
    interface ImageScore {
        /** The F the protocol ranks an image's thresholds by. */
        double f(int cntR, int sumR, int cntP, int sumP);
    }

    /**
     * Counts summed over images per threshold, and ({@code best}: {cntR, sumR, cntP, sumP}) each image's counts at
     * its first threshold with the largest {@link ImageScore}, summed.
     */
    record Pooled(long[] cntR, long[] sumR, long[] cntP, long[] sumP, long[] best) {

        static Pooled of(int n, List<ImageCounts> images, ImageScore score) {
            Pooled c = new Pooled(new long[n], new long[n], new long[n], new long[n], new long[4]);
            for (ImageCounts img : images) {
                if (img.size() != n) {
                    throw new IllegalArgumentException("image has " + img.size() + " thresholds, expected " + n);
                }
                int arg = 0;
                double bestF = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    c.cntR[k] += img.cntR()[k];
                    c.sumR[k] += img.sumR()[k];
                    c.cntP[k] += img.cntP()[k];
                    c.sumP[k] += img.sumP()[k];
                    double f = score.f(img.cntR()[k], img.sumR()[k], img.cntP()[k], img.sumP()[k]);
                    if (f > bestF) {
                        bestF = f;
                        arg = k;
                    }
                }
                c.best[0] += img.cntR()[arg];
                c.best[1] += img.sumR()[arg];
                c.best[2] += img.cntP()[arg];
                c.best[3] += img.sumP()[arg];
            }
            return c;
        }
    }

    /** BSDS's {@code maxF}: {@code {bestT, bestF}} along lines between adjacent thresholds. */
    static double[] maxF(double[] thresh, double[] r, double[] p) {
        double bestT = thresh[0];
        double bestF = fMeasure(r[0], p[0]);
        for (int i = 1; i < thresh.length; i++) {
            for (int j = 0; j < 100; j++) {
                double d = j / 99.0;
                double t = thresh[i] * d + thresh[i - 1] * (1 - d);
                double ri = r[i] * d + r[i - 1] * (1 - d);
                double pi = p[i] * d + p[i - 1] * (1 - d);
                double f = fMeasure(ri, pi);
                if (f > bestF) {
                    bestF = f;
                    bestT = t;
                }
            }
        }
        return new double[] {bestT, bestF};
    }

    /** BSDS's {@code Area_PR}: mean of P interpolated over R on {@code 0:0.01:1}, 0 outside R's range. */
    static double areaPR(double[] r, double[] p) {
        return areaPRSum(r, p) * 0.01;
    }

    /**
     * The sum behind {@link #areaPR}: P interpolated linearly over the unique R (first occurrence of each value) at
     * {@code 0, 0.01, …, 1}, points outside R's range left out; 0 when R takes a single value.
     */
    static double areaPRSum(double[] r, double[] p) {
        int n = r.length;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> r[a] != r[b] ? Double.compare(r[a], r[b]) : Integer.compare(a, b));
        double[] ru = new double[n];
        double[] pu = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int idx = order[k];
            if (m == 0 || r[idx] != ru[m - 1]) {
                ru[m] = r[idx];
                pu[m] = p[idx];
                m++;
            }
        }
        if (m <= 1) {
            return 0;
        }
        double sum = 0;
        int seg = 0;
        for (int g = 0; g <= 100; g++) {
            double x = g / 100.0;
            if (x < ru[0] || x > ru[m - 1]) {
                continue;
            }
            while (seg < m - 2 && x >= ru[seg + 1]) {
                seg++;
            }
            double x0 = ru[seg];
            double x1 = ru[seg + 1];
            sum += x == x1 ? pu[seg + 1] : pu[seg] + (x - x0) * (pu[seg + 1] - pu[seg]) / (x1 - x0);
        }
        return sum;
    }

    private static double ratio(long count, long total) {
        return (double) count / (total + (total == 0 ? 1 : 0));
    }
}
