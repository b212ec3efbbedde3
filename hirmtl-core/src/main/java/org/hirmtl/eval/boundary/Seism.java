package org.hirmtl.eval.boundary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The boundary pipeline behind the published NYUD and PASCAL-Context tables (InvPT's and ATRC's evaluation on top of
 * SEISM, Pont-Tuset and Marques), step by step:
 * <ol>
 *   <li><b>8-bit PNG</b>: the anchors save {@code 255 · sigmoid} with numpy's {@code astype(np.uint8)}, which
 *       truncates; SEISM reads it back as {@code v / 255} in single precision ({@link #quantize});</li>
 *   <li><b>non-maximum suppression</b> ({@link EdgeNms}) inside SEISM's reader {@code read_one_cont_png.m};</li>
 *   <li><b>101 thresholds</b> of SEISM's {@code parameters/HED.txt} ({@link #THRESHOLDS}: 0.001, 0.01 … 0.99,
 *       0.999), a pixel is on when strictly above ({@code E > t});</li>
 *   <li><b>ground truth redrawn</b>: SEISM's {@code edgesEvalImg.m} takes {@code bwmorph(seg2bmap(L), 'thin', Inf)}
 *       of a label map {@code L}; for NYUD (InvPT's tool) {@code L} is the boundary PNG itself, so a 1-pixel line
 *       becomes a 2-pixel band (the line and its neighbours up and to the left) that thinning takes back to one
 *       pixel ({@link #groundTruth});</li>
 *   <li><b>counts</b> per image and threshold as BSDS's ({@code thin}, one-to-one matching within
 *       {@code maxDist · diagonal});</li>
 *   <li><b>scores</b> ({@link #collect}) as SEISM's {@code gather_measure.m}, {@code general_ods.m},
 *       {@code general_ois.m}, {@code general_ap.m}: ODS is the best F <i>at</i> a threshold (no interpolation); OIS
 *       picks each image's first threshold with the best F after rounding it to 6 decimals (SEISM stores per-image
 *       rows with {@code %f}); AP as BSDS's, divided by 100.</li>
 * </ol>
 * Not reproduced: SEISM prints the scores rounded to 3 decimals (the toolkit keeps them whole), and for
 * PASCAL-Context it redraws the ground truth from the 459-class {@code LabelMap} where the toolkit has the boundary
 * map (equal wherever two regions meet along a line; they differ where same-label regions touch only diagonally).
 * SEISM has no ignore label: ignored target pixels count as not boundary and the prediction is kept there.
 */
final class Seism {

    /** SEISM's {@code HED.txt}: 0.001, k/100 for k = 1..99, 0.999. */
    static final double[] THRESHOLDS = thresholds();

    private Seism() {
    }

    private static double[] thresholds() {
        double[] t = new double[101];
        t[0] = 0.001;
        for (int k = 1; k <= 99; k++) {
            t[k] = k / 100.0;
        }
        t[100] = 0.999;
        return t;
    }

    /**
     * The probabilities as the anchors save and SEISM reads them: {@code floor(255 · p) / 255} in single precision,
     * {@code p} clamped to [0, 1]. Exact for probabilities already read from an 8-bit PNG as {@code v / 255}.
     */
    static float[] quantize(float[] p, int offset, int count) {
        float[] e = new float[count];
        for (int i = 0; i < count; i++) {
            float v = Math.max(0f, Math.min(1f, p[offset + i]));
            e[i] = (float) Math.floor(255f * v) / 255f;
        }
        return e;
    }

    /** {@code bwmorph(seg2bmap(L), 'thin', Inf)} with {@code L} = the boundary map as a label map (1 / 0). */
    static boolean[] groundTruth(boolean[] boundary, int h, int w) {
        return Thinning.thin(seg2bmap(boundary, h, w), h, w);
    }

    /**
     * SEISM's {@code seg2bmap}: a pixel is on where its label differs from its east, south or south-east
     * neighbour's; on the last row only the east one counts, on the last column only the south one, and the
     * bottom-right pixel is off.
     */
    static boolean[] seg2bmap(boolean[] label, int h, int w) {
        boolean[] b = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean l = label[i];
                boolean lastRow = y == h - 1;
                boolean lastCol = x == w - 1;
                if (lastRow && lastCol) {
                    continue;
                }
                if (lastRow) {
                    b[i] = l != label[i + 1];
                } else if (lastCol) {
                    b[i] = l != label[i + w];
                } else {
                    b[i] = l != label[i + 1] || l != label[i + w] || l != label[i + w + 1];
                }
            }
        }
        return b;
    }

    /** Scores of the given images as SEISM gathers them (see the class comment). */
    static BoundaryResult collect(double[] thresholds, List<ImageCounts> images) {
        int n = thresholds.length;
        BoundaryStats.Pooled c = BoundaryStats.Pooled.of(n, images,
                (cntR, sumR, cntP, sumP) -> sixDecimals(f(imagePR(cntR, sumR, cntP, sumP))));
        double[] r = new double[n];
        double[] p = new double[n];
        int odsAt = 0;
        double ods = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double[] pr = datasetPR(c.cntR()[k], c.sumR()[k], c.cntP()[k], c.sumP()[k]);
            p[k] = pr[0];
            r[k] = pr[1];
            double f = f(p[k], r[k]);
            if (f > ods) {
                ods = f;
                odsAt = k;
            }
        }
        long[] best = c.best();
        double ois = f(imagePR(best[0], best[1], best[2], best[3]));
        return new BoundaryResult(ods, ois, BoundaryStats.areaPRSum(r, p) / 100, thresholds[odsAt],
                thresholds.clone(), p, r, images.size());
    }

    /** {@code eval_cont.m}: {P, R}; no ground truth gives R = 1, P = 0, else no prediction gives R = 0, P = 1. */
    static double[] imagePR(long cntR, long sumR, long cntP, long sumP) {
        if (sumR == 0) {
            return new double[] {0, 1};
        }
        if (sumP == 0) {
            return new double[] {1, 0};
        }
        return new double[] {(double) cntP / sumP, (double) cntR / sumR};
    }

    /**
     * {@code gather_measure.m}: {P, R}, both 0 unless no ground truth and no match (R = 1, P = 0), no prediction and
     * no match (R = 0, P = 1), or predictions and matches (the ratios).
     */
    static double[] datasetPR(long cntR, long sumR, long cntP, long sumP) {
        double p = 0;
        double r = 0;
        if (sumR == 0 && cntP == 0) {
            r = 1;
            p = 0;
        }
        if (sumP == 0 && cntR == 0) {
            r = 0;
            p = 1;
        }
        if (sumP != 0 && cntR != 0) {
            r = (double) cntR / sumR;
            p = (double) cntP / sumP;
        }
        return new double[] {p, r};
    }

    /** {@code 2PR / (P + R)}, 0 when both are 0. */
    static double f(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static double f(double[] pr) {
        return f(pr[0], pr[1]);
    }

    /** A value as {@code fprintf('%f')} writes it and MATLAB reads it back. */
    static double sixDecimals(double v) {
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }
}
