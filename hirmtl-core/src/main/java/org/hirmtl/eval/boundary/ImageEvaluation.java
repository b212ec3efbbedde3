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
 * equals the one at {@code t_{k+1}}, whose counts are reused. Thresholds are visited from the highest down: the
 * binary map grows by the pixels of level {@code k} ({@link BitImage}), a copy of it is thinned ({@link Thinning})
 * and each ground truth's {@link BoundaryMatcher} updates the matching it kept from the threshold above.
 *
 * <p>With several ground truths, each is matched to the whole of {@code B} independently (as BSDS does), so
 * {@code cntP} depends on which pixels the matchings pick, not only on their sizes; the choice here is
 * deterministic.
 */
final class ImageEvaluation {

    /** Per-thread buffers, reused across images. */
    private static final ThreadLocal<Thinning> THINNING = ThreadLocal.withInitial(Thinning::new);
    private static final ThreadLocal<BoundaryMatcher.Scratch> SCRATCH =
            ThreadLocal.withInitial(BoundaryMatcher.Scratch::new);

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
        int[] order = byLevel(level, nThresh, atLeast);
        BoundaryMatcher.Scratch scratch = SCRATCH.get();
        BoundaryMatcher[] matchers = new BoundaryMatcher[gts.length];
        int gtPixels = 0;
        for (int g = 0; g < gts.length; g++) {
            matchers[g] = new BoundaryMatcher(gts[g], h, w, radius, scratch, g);
            gtPixels += matchers[g].gtCount();
        }
        Thinning thinning = THINNING.get();
        int[] cntR = new int[nThresh];
        int[] sumR = new int[nThresh];
        int[] cntP = new int[nThresh];
        int[] sumP = new int[nThresh];
        Arrays.fill(sumR, gtPixels);
        BitImage binary = new BitImage(h, w);
        BitImage thinned = new BitImage(h, w);
        BitImage matched = gts.length > 1 ? new BitImage(h, w) : null;
        for (int k = nThresh; k >= 1; k--) {
            int j = k - 1;
            if (atLeast[k] == 0) {
                continue;
            }
            if (k < nThresh && count[k] == 0) {
                cntR[j] = cntR[j + 1];
                cntP[j] = cntP[j + 1];
                sumP[j] = sumP[j + 1];
                continue;
            }
            for (int i = atLeast[k + 1]; i < atLeast[k]; i++) {
                binary.setPixel(order[i]);   // P >= t_k
            }
            thinned.copyFrom(binary);
            thinning.thin(thinned);
            sumP[j] = thinned.count();
            if (matched == null) {
                int pairs = matchers.length == 0 ? 0 : matchers[0].update(thinned);
                cntR[j] = pairs;
                cntP[j] = pairs;
            } else {
                matched.clear();
                for (BoundaryMatcher matcher : matchers) {
                    cntR[j] += matcher.update(thinned);
                    matcher.markMatched(matched);
                }
                cntP[j] = matched.count();
            }
        }
        return new ImageCounts(cntR, sumR, cntP, sumP);
    }

    /** Row-major indices of the pixels with level >= 1, highest level first, so level >= k is a prefix. */
    private static int[] byLevel(short[] level, int nThresh, int[] atLeast) {
        int[] next = new int[nThresh + 1];
        for (int l = 1; l <= nThresh; l++) {
            next[l] = atLeast[l + 1];
        }
        int[] order = new int[atLeast[1]];
        for (int i = 0; i < level.length; i++) {
            int l = level[i];
            if (l > 0) {
                order[next[l]++] = i;
            }
        }
        return order;
    }

    /**
     * Levels of a prediction: {@code level[i] = #{k : p[i] >= thresholds[k]}} (thresholds ascending), or with
     * {@code strict} {@code #{k : p[i] > thresholds[k]}}. Pixels flagged in {@code ignore} (may be null) get level 0.
     * The values are finite: {@link BoundaryEvaluator#add} checks them before queueing an image.
     */
    static short[] levels(float[] p, int offset, int count, double[] thresholds, boolean strict, boolean[] ignore) {
        int n = thresholds.length;
        short[] level = new short[count];
        for (int i = 0; i < count; i++) {
            double v = p[offset + i];
            if (ignore != null && ignore[i]) {
                continue;
            }
            int g = v <= 0 ? 0 : v >= 1 ? n : (int) Math.min(n, Math.floor(v * (n + 1)));
            while (g > 0 && !reaches(v, thresholds[g - 1], strict)) {
                g--;
            }
            while (g < n && reaches(v, thresholds[g], strict)) {
                g++;
            }
            level[i] = (short) g;
        }
        return level;
    }

    private static boolean reaches(double v, double threshold, boolean strict) {
        return strict ? v > threshold : v >= threshold;
    }
}
