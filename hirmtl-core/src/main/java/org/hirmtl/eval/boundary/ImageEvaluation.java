package org.hirmtl.eval.boundary;

import java.util.Arrays;

/**
 * Counts for one image at every threshold, as BSDS's {@code evaluation_bdry_image.m} computes them: for each
 * threshold {@code t}, {@code B = thin(P >= t)}; for each ground truth {@code G}, match {@code B} to {@code G};
 * {@code cntR += matched G pixels}, {@code sumR += |G|}; a predicted pixel counts for {@code cntP} when it is
 * matched to any ground truth; {@code sumP = |B|}.
 *
 * <p>The prediction arrives as levels: {@code level[i]} is the number of thresholds {@code t_k} with
 * {@code P[i] >= t_k}, so {@code P >= t_k} is {@code level >= k}. That makes two shortcuts exact: above the
 * highest level the map is empty (all counts 0), and when no pixel has level {@code k} the map at {@code t_k}
 * equals the one at {@code t_{k+1}}, whose counts are reused. Thresholds are visited from the highest down, with
 * the pixels sorted by level, so that {@code P >= t_k} is a prefix of that order and each threshold costs time in
 * proportion to its foreground rather than to the image.
 *
 * <p>With several ground truths, each is matched to the whole of {@code B} independently (as BSDS does), so
 * {@code cntP} depends on which pixels the matchings pick, not only on their sizes; the choice here is
 * deterministic.
 */
final class ImageEvaluation {

    /** Per-thread buffers, reused across images. */
    private static final ThreadLocal<Thinning> THINNING = ThreadLocal.withInitial(Thinning::new);

    private ImageEvaluation() {
    }

    /**
     * Evaluates one image.
     *
     * @param level per pixel, the number of thresholds the prediction reaches ({@code 0..nThresh})
     * @param gts ground-truth boundary maps, row-major, true = boundary
     * @param radius matching radius in pixels
     */
    static ImageCounts evaluate(short[] level, int nThresh, boolean[][] gts, int h, int w, double radius) {
        int[] count = new int[nThresh + 1];
        for (short l : level) {
            count[l]++;
        }
        int[] atLeast = new int[nThresh + 2];
        for (int k = nThresh; k >= 0; k--) {
            atLeast[k] = atLeast[k + 1] + count[k];
        }
        Thinning thinning = THINNING.get();
        thinning.reset(h, w);
        int[] order = byLevel(level, nThresh, atLeast, thinning, h, w);
        BoundaryMatcher[] matchers = new BoundaryMatcher[gts.length];
        int gtPixels = 0;
        for (int g = 0; g < gts.length; g++) {
            matchers[g] = new BoundaryMatcher(gts[g], h, w, radius);
            gtPixels += matchers[g].gtCount();
        }
        int[] cntR = new int[nThresh];
        int[] sumR = new int[nThresh];
        int[] cntP = new int[nThresh];
        int[] sumP = new int[nThresh];
        Arrays.fill(sumR, gtPixels);
        int[] pixels = new int[order.length];
        boolean[] matched = gts.length > 1 ? new boolean[order.length] : null;
        byte[] img = thinning.padded();
        int stride = w + 2;
        try {
            for (int k = nThresh; k >= 1; k--) {
                int j = k - 1;
                int n = atLeast[k];
                if (n == 0) {
                    continue;
                }
                if (k < nThresh && count[k] == 0) {
                    cntR[j] = cntR[j + 1];
                    cntP[j] = cntP[j + 1];
                    sumP[j] = sumP[j + 1];
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    img[order[i]] = 1;   // P >= t_k, including what thinning at t_{k+1} removed
                }
                thinning.thin(order, n);
                int m = 0;
                for (int i = 0; i < n; i++) {
                    int p = order[i];
                    if (img[p] != 0) {
                        pixels[m++] = (p / stride - 1) * w + p % stride - 1;
                    }
                }
                sumP[j] = m;
                if (matched == null) {
                    int pairs = matchers.length == 0 ? 0 : matchers[0].match(pixels, m, null);
                    cntR[j] = pairs;
                    cntP[j] = pairs;
                } else {
                    Arrays.fill(matched, 0, m, false);
                    for (BoundaryMatcher matcher : matchers) {
                        cntR[j] += matcher.match(pixels, m, matched);
                    }
                    for (int i = 0; i < m; i++) {
                        cntP[j] += matched[i] ? 1 : 0;
                    }
                }
            }
        } finally {
            for (int p : order) {
                img[p] = 0;
            }
        }
        return new ImageCounts(cntR, sumR, cntP, sumP);
    }

    /** Padded indices of the pixels with level >= 1, highest level first, so level >= k is a prefix. */
    private static int[] byLevel(short[] level, int nThresh, int[] atLeast, Thinning thinning, int h, int w) {
        int[] next = new int[nThresh + 1];
        for (int l = 1; l <= nThresh; l++) {
            next[l] = atLeast[l + 1];
        }
        int[] order = new int[atLeast[1]];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = level[y * w + x];
                if (l > 0) {
                    order[next[l]++] = thinning.index(y, x);
                }
            }
        }
        return order;
    }

    /**
     * Levels of a prediction: {@code level[i] = #{k : p[i] >= thresholds[k]}} (thresholds ascending). Pixels
     * flagged in {@code ignore} (may be null) get level 0.
     */
    static short[] levels(float[] p, int offset, int count, double[] thresholds, boolean[] ignore) {
        int n = thresholds.length;
        short[] level = new short[count];
        for (int i = 0; i < count; i++) {
            double v = p[offset + i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("edge prediction " + p[offset + i] + " at pixel " + i
                        + " is not finite");
            }
            if (ignore != null && ignore[i]) {
                continue;
            }
            int g = v <= 0 ? 0 : v >= 1 ? n : (int) Math.min(n, Math.floor(v * (n + 1)));
            while (g > 0 && v < thresholds[g - 1]) {
                g--;
            }
            while (g < n && v >= thresholds[g]) {
                g++;
            }
            level[i] = (short) g;
        }
        return level;
    }
}
