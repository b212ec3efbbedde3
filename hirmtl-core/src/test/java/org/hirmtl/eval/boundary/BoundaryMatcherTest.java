package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundaryMatcherTest {

    private static final int H = 40;
    private static final int W = 40;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void shiftedLineWithinTheRadiusIsFullyMatched(int shift) {
        BoundaryMatcher.Counts c = BoundaryMatcher.match(row(10 + shift, 5, 24), row(10, 5, 24), H, W, 3.0);
        assertEquals(new BoundaryMatcher.Counts(20, 20, 20, 20), c);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 9})
    void shiftedLineBeyondTheRadiusIsNotMatched(int shift) {
        BoundaryMatcher.Counts c = BoundaryMatcher.match(row(10 + shift, 5, 24), row(10, 5, 24), H, W, 3.0);
        assertEquals(new BoundaryMatcher.Counts(0, 20, 0, 20), c);
    }

    @Test
    void twoPredictionsCompetingForOneGroundTruthPixelGetOneMatch() {
        boolean[] gt = new boolean[H * W];
        gt[10 * W + 10] = true;
        boolean[] pred = new boolean[H * W];
        pred[10 * W + 9] = true;
        pred[10 * W + 11] = true;
        BoundaryMatcher.Counts c = BoundaryMatcher.match(pred, gt, H, W, 2.0);
        assertEquals(new BoundaryMatcher.Counts(1, 2, 1, 1), c);
        assertEquals(0.5, (double) c.matchedPred() / c.pred());
        assertEquals(1.0, (double) c.matchedGt() / c.gt());
    }

    @Test
    void diagonalDistanceExactlyAtTheRadiusMatchesAndJustBeyondDoesNot() {
        boolean[] gt = new boolean[H * W];
        gt[10 * W + 10] = true;
        boolean[] pred = new boolean[H * W];
        pred[13 * W + 14] = true; // dy = 3, dx = 4: distance 5
        assertEquals(1, BoundaryMatcher.match(pred, gt, H, W, 5.0).matchedPred());
        assertEquals(0, BoundaryMatcher.match(pred, gt, H, W, 4.999).matchedPred());
        assertEquals(1, BoundaryMatcher.match(pred, gt, H, W, Math.sqrt(25)).matchedPred());
    }

    @Test
    void augmentingPathsAreFound() {
        // the greedy seed pairs pred (0,1) with gt (0,0), its first neighbour, and leaves pred (1,0), whose only
        // neighbour is gt (0,0), unpaired; the maximum matching reroutes (0,1) to gt (0,2)
        boolean[] gt = new boolean[H * W];
        gt[0] = true;
        gt[2] = true;
        boolean[] pred = new boolean[H * W];
        pred[1] = true;
        pred[W] = true;
        assertEquals(new BoundaryMatcher.Counts(2, 2, 2, 2), BoundaryMatcher.match(pred, gt, H, W, 1.0));
    }

    @Test
    void maximumMatchingSizeAgreesWithASimpleAugmentingPathSearch() {
        Random rnd = new Random(11);
        for (int round = 0; round < 40; round++) {
            int h = 12 + rnd.nextInt(20);
            int w = 12 + rnd.nextInt(20);
            double radius = 0.5 + 3 * rnd.nextDouble();
            boolean[] pred = new boolean[h * w];
            boolean[] gt = new boolean[h * w];
            for (int i = 0; i < h * w; i++) {
                pred[i] = rnd.nextDouble() < 0.2;
                gt[i] = rnd.nextDouble() < 0.15;
            }
            int expected = kuhn(pred, gt, w, radius);
            BoundaryMatcher.Counts c = BoundaryMatcher.match(pred, gt, h, w, radius);
            assertEquals(expected, c.matchedPred(), "round " + round);
            assertEquals(expected, c.matchedGt(), "round " + round);
        }
    }

    /**
     * The matching kept from one update to the next (pairs of vanished pixels dropped, the rest grown by augmenting
     * paths) is a maximum one at every step: a sequence of maps where each keeps most of the previous one's pixels,
     * on images wider than one 64-pixel word and windows that cross word boundaries.
     */
    @Test
    void updatesKeepAMaximumMatchingAsThePredictionChanges() {
        Random rnd = new Random(23);
        for (int round = 0; round < 12; round++) {
            int h = 10 + rnd.nextInt(20);
            int w = 60 + rnd.nextInt(150);
            double radius = 0.5 + 4 * rnd.nextDouble();
            boolean[] gt = new boolean[h * w];
            for (int i = 0; i < h * w; i++) {
                gt[i] = rnd.nextDouble() < 0.1;
            }
            BoundaryMatcher matcher = new BoundaryMatcher(gt, h, w, radius);
            boolean[] pred = new boolean[h * w];
            for (int step = 0; step < 8; step++) {
                double keep = rnd.nextDouble();
                double density = 0.02 + 0.3 * rnd.nextDouble();
                for (int i = 0; i < h * w; i++) {
                    pred[i] = rnd.nextDouble() < keep ? pred[i] : rnd.nextDouble() < density;
                }
                assertEquals(kuhn(pred, gt, w, radius), matcher.update(BitImage.of(pred, h, w)),
                        "round " + round + " step " + step);
            }
        }
    }

    /** Textbook Kuhn's algorithm over all pairs within the radius: slow and obviously right. */
    private static int kuhn(boolean[] pred, boolean[] gt, int w, double radius) {
        int[] p = indices(pred);
        int[] g = indices(gt);
        boolean[][] edge = new boolean[p.length][g.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < g.length; j++) {
                int dy = p[i] / w - g[j] / w;
                int dx = p[i] % w - g[j] % w;
                edge[i][j] = dx * dx + dy * dy <= radius * radius;
            }
        }
        int[] owner = new int[g.length];
        java.util.Arrays.fill(owner, -1);
        int matched = 0;
        for (int i = 0; i < p.length; i++) {
            if (tryAssign(i, edge, owner, new boolean[g.length])) {
                matched++;
            }
        }
        return matched;
    }

    private static boolean tryAssign(int i, boolean[][] edge, int[] owner, boolean[] seen) {
        for (int j = 0; j < owner.length; j++) {
            if (edge[i][j] && !seen[j]) {
                seen[j] = true;
                if (owner[j] < 0 || tryAssign(owner[j], edge, owner, seen)) {
                    owner[j] = i;
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] indices(boolean[] img) {
        return java.util.stream.IntStream.range(0, img.length).filter(i -> img[i]).toArray();
    }

    private static boolean[] row(int y, int from, int to) {
        boolean[] img = new boolean[H * W];
        for (int x = from; x <= to; x++) {
            img[y * W + x] = true;
        }
        return img;
    }
}
