package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

/** The SEISM pipeline's steps on hand-computed cases, and the evaluator wired to them. */
class SeismTest {

    @Test
    void thresholdsAreHedTxt() {
        assertEquals(101, Seism.THRESHOLDS.length);
        assertEquals(0.001, Seism.THRESHOLDS[0]);
        assertEquals(0.01, Seism.THRESHOLDS[1]);
        assertEquals(0.5, Seism.THRESHOLDS[50]);
        assertEquals(0.99, Seism.THRESHOLDS[99]);
        assertEquals(0.999, Seism.THRESHOLDS[100]);
    }

    @Test
    void quantisationTruncatesLikeNumpyAndKeepsPngValues() {
        float[] q = Seism.quantize(new float[] {0.5f, 0.9999f, 1f, 0f, 0.00392f, 1.5f, -1f}, 0, 7);
        assertArrayEquals(new float[] {127 / 255f, 254 / 255f, 1f, 0f, 0f, 1f, 0f}, q);
        float[] png = new float[256];
        for (int v = 0; v < 256; v++) {
            png[v] = v / 255f;
        }
        assertArrayEquals(png, Seism.quantize(png, 0, 256));   // a map read from a PNG passes unchanged
    }

    /** A 1-pixel vertical line as a label map: seg2bmap marks it and its left neighbour (east differs). */
    @Test
    void groundTruthLineBecomesATwoPixelBandThenOnePixelAgain() {
        int h = 6;
        int w = 6;
        boolean[] line = TestMaps.parse("""
                ...#..
                ...#..
                ...#..
                ...#..
                ...#..
                ...#..""");
        assertEquals("""
                ..##..
                ..##..
                ..##..
                ..##..
                ..##..
                ..##..""", TestMaps.show(Seism.seg2bmap(line, h, w), h, w));
        boolean[] gt = Seism.groundTruth(line, h, w);
        assertEquals(TestMaps.show(Thinning.thin(Seism.seg2bmap(line, h, w), h, w), h, w), TestMaps.show(gt, h, w));
        for (int y = 1; y < h - 1; y++) {
            int n = 0;
            for (int x = 0; x < w; x++) {
                n += gt[y * w + x] ? 1 : 0;
            }
            assertEquals(1, n, "row " + y + " of\n" + TestMaps.show(gt, h, w));
        }
    }

    @Test
    void seg2bmapUsesEastSouthAndSouthEastWithTheLastRowAndColumnSpecial() {
        int h = 4;
        int w = 5;
        boolean[] dot = new boolean[h * w];
        dot[2 * w + 2] = true;   // one labelled pixel at (2, 2)
        // (1,1): its SE neighbour differs; (1,2): S; (2,1): E; (2,2): itself differs from E, S, SE
        assertEquals("""
                .....
                .##..
                .##..
                .....""", TestMaps.show(Seism.seg2bmap(dot, h, w), h, w));
        boolean[] corner = new boolean[h * w];
        corner[(h - 1) * w + w - 2] = true;   // (3, 3): on the last row only its east neighbour counts
        // (2, 2) sees it to the south-east, (2, 3) to the south, (3, 2) to the east
        assertEquals("""
                .....
                .....
                ..##.
                ..##.""", TestMaps.show(Seism.seg2bmap(corner, h, w), h, w));
    }

    @Test
    void datasetAndImageRulesForEmptyCounts() {
        assertArrayEquals(new double[] {0, 1}, Seism.datasetPR(0, 0, 0, 5));      // no ground truth, no match
        assertArrayEquals(new double[] {1, 0}, Seism.datasetPR(0, 7, 0, 0));      // nothing predicted
        assertArrayEquals(new double[] {0, 0}, Seism.datasetPR(0, 7, 0, 5));      // predictions, no match
        assertArrayEquals(new double[] {0.4, 0.5}, Seism.datasetPR(2, 4, 2, 5));
        assertArrayEquals(new double[] {0, 1}, Seism.imagePR(0, 0, 0, 5));
        assertArrayEquals(new double[] {1, 0}, Seism.imagePR(0, 7, 0, 0));
        assertArrayEquals(new double[] {0, 0}, Seism.imagePR(0, 7, 0, 5));
    }

    /** ODS at a threshold (no interpolation), OIS per image, AP / 100; counts chosen so every value is exact. */
    @Test
    void scoresFromCounts() {
        double[] t = {0.3, 0.7};
        // pooled: t0 R = 6/10, P = 6/12; t1 R = 2/10, P = 2/2
        ImageCounts a = counts(new int[] {6, 2}, 10, new int[] {12, 2});
        BoundaryResult r = Seism.collect(t, List.of(a));
        assertEquals(2 * 0.5 * 0.6 / 1.1, r.odsF(), 1e-15);
        assertEquals(0.3, r.odsThreshold());
        // P over R = 0.2 .. 0.6 falls linearly from 1 to 0.5: Σ over 41 grid points = 41 − 0.0125 · 820 = 30.75
        assertEquals(0.3075, r.ap(), 1e-12);
        assertEquals(r.odsF(), r.oisF(), 1e-15);
    }

    /** SEISM picks each image's best threshold on F rounded to 6 decimals, the first one on a tie. */
    @Test
    void oisTiesAfterRoundingGoToTheFirstThreshold() {
        double[] t = {0.3, 0.7};
        // t0: 1 of 1 ground-truth pixels, 1 of 2 predicted: F = 2/3 = 0.666667 rounded
        // t1: 333334 matched of 500000 and 500001: F = 666668/1000001 = 0.6666673... also 0.666667 rounded
        ImageCounts c = new ImageCounts(new int[] {1, 333334}, new int[] {1, 500000}, new int[] {1, 333334},
                new int[] {2, 500001});
        BoundaryResult r = Seism.collect(t, List.of(c));
        assertEquals(2.0 / 3, r.oisF(), 1e-15);      // t0's counts, although t1's unrounded F is larger
        assertTrue(r.odsF() > 2.0 / 3);
    }

    /** The evaluator runs quantisation, NMS, the strict thresholds, the redrawn ground truth and SEISM's scores. */
    @Test
    void evaluatorEqualsThePipelineDoneByHand() {
        Random rnd = new Random(4);
        int h = 40;
        int w = 90;
        double maxDist = 0.03;
        List<float[]> preds = new ArrayList<>();
        List<boolean[]> gts = new ArrayList<>();
        try (BoundaryEvaluator ev = BoundaryEvaluator.seism(maxDist, 2)) {
            assertTrue(ev.isSeism());
            for (int img = 0; img < 3; img++) {
                boolean[] gt = new boolean[h * w];
                float[] p = new float[h * w];
                int col = 20 + rnd.nextInt(40);
                for (int y = 0; y < h; y++) {
                    gt[y * w + col + (y / 10)] = true;
                    for (int x = 0; x < w; x++) {
                        double d = Math.abs(x - col - y / 10);
                        p[y * w + x] = (float) Math.min(1, Math.max(0, 1 - d / 4 + 0.2 * rnd.nextDouble()));
                    }
                }
                float[] g = new float[h * w];
                for (int i = 0; i < g.length; i++) {
                    g[i] = gt[i] ? 1 : 0;
                }
                ev.add(new DenseMap(1, h, w, p.clone()), new DenseMap(1, h, w, g));
                preds.add(p);
                gts.add(gt);
            }
            BoundaryResult got = ev.result();
            List<ImageCounts> byHand = new ArrayList<>();
            double radius = maxDist * Math.sqrt(h * h + w * w);
            for (int img = 0; img < 3; img++) {
                float[] e = EdgeNms.suppress(Seism.quantize(preds.get(img), 0, h * w), h, w);
                boolean[] gt = Seism.groundTruth(gts.get(img), h, w);
                int n = Seism.THRESHOLDS.length;
                int[] cnt = new int[n];
                int[] sumR = new int[n];
                int[] sumP = new int[n];
                for (int k = 0; k < n; k++) {
                    boolean[] b = new boolean[h * w];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = e[i] > Seism.THRESHOLDS[k];
                    }
                    boolean[] thin = Thinning.thin(b, h, w);
                    BoundaryMatcher.Counts m = BoundaryMatcher.match(thin, gt, h, w, radius);
                    cnt[k] = m.matchedGt();
                    sumR[k] = m.gt();
                    sumP[k] = m.pred();
                }
                byHand.add(new ImageCounts(cnt, sumR, cnt.clone(), sumP));
            }
            BoundaryResult expected = Seism.collect(Seism.THRESHOLDS, byHand);
            assertEquals(expected.odsF(), got.odsF());
            assertEquals(expected.oisF(), got.oisF());
            assertEquals(expected.ap(), got.ap());
            assertArrayEquals(expected.precision(), got.precision());
            assertArrayEquals(expected.recall(), got.recall());
            assertTrue(got.odsF() > 0.5, "odsF " + got.odsF());
        }
    }

    @Test
    void tinyImagesAreEvaluated() {
        try (BoundaryEvaluator ev = BoundaryEvaluator.seism(0.0075, 1)) {
            int[][] sizes = {{1, 1}, {1, 5}, {5, 1}, {2, 2}, {3, 7}};
            for (int[] hw : sizes) {
                int n = hw[0] * hw[1];
                float[] p = new float[n];
                float[] g = new float[n];
                for (int i = 0; i < n; i++) {
                    p[i] = (i % 3) / 2f;
                    g[i] = i % 2;
                }
                ev.add(new DenseMap(1, hw[0], hw[1], p), new DenseMap(1, hw[0], hw[1], g));
            }
            BoundaryResult r = ev.result();
            assertEquals(sizes.length, r.images());
            assertTrue(r.odsF() >= 0 && r.odsF() <= 1 && r.ap() >= 0 && r.ap() <= 1, r.toString());
        }
    }

    private static ImageCounts counts(int[] matched, int gt, int[] pred) {
        int[] sumR = new int[matched.length];
        java.util.Arrays.fill(sumR, gt);
        return new ImageCounts(matched, sumR, matched.clone(), pred);
    }
}
