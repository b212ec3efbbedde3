package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

class BoundaryEvaluatorTest {

    /** {@code maxDist} giving a radius of 1.5 px on a 20×20 image. */
    private static final double MAX_DIST_20 = 1.5 / Math.sqrt(800);

    @Test
    void perfectBinaryPredictionScoresOne() {
        DenseMap gt = TestMaps.max(TestMaps.line(20, 20, 4, 2, 17, 1), TestMaps.line(20, 20, 12, 3, 15, 1));
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.011, 99, 2)) {
            ev.add(gt.copy(), gt);
            BoundaryResult r = ev.result();
            assertEquals(1.0, r.odsF(), 1e-12);
            assertEquals(1.0, r.oisF(), 1e-12);
            // every threshold has R = 1: BSDS's Area_PR is 0 when R takes a single value
            assertEquals(0.0, r.ap());
        }
    }

    /**
     * A 98-pixel ground-truth line predicted with values (i + 1.5)/100: at t_k = k/100 exactly 99 − k pixels
     * remain, all matched, so R_k = (99 − k)/98, P_k = 1 (k ≤ 98), and R = P = 0 at k = 99. ODS = OIS = 1 at
     * t = 0.01. AP: P(0) = 0, P(0.01) = 0.98 (interpolated towards R = 1/98), P = 1 at R = 0.02..1: 99.98/100.
     */
    @Test
    void perfectGradedPredictionHasApNearOne() {
        DenseMap gt = TestMaps.line(5, 110, 2, 5, 102, 1);
        DenseMap pred = DenseMap.zeros(1, 5, 110);
        for (int i = 0; i < 98; i++) {
            pred.set(0, 2, 5 + i, (float) ((i + 1.5) / 100));
        }
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.011, 99, 1)) {
            ev.add(pred, gt);
            BoundaryResult r = ev.result();
            assertEquals(1.0, r.odsF(), 1e-12);
            assertEquals(1.0, r.oisF(), 1e-12);
            assertEquals(0.9998, r.ap(), 1e-12);
            assertEquals(0.01, r.odsThreshold(), 1e-12);
        }
    }

    @Test
    void allZeroPredictionScoresZeroWithoutNaN() {
        DenseMap gt = TestMaps.line(20, 20, 4, 2, 17, 1);
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.011, 99, 2)) {
            ev.add(DenseMap.zeros(1, 20, 20), gt);
            ev.add(DenseMap.zeros(1, 20, 20), DenseMap.zeros(1, 20, 20));
            BoundaryResult r = ev.result();
            assertEquals(0.0, r.odsF());
            assertEquals(0.0, r.oisF());
            assertEquals(0.0, r.ap());
            for (int k = 0; k < 99; k++) {
                assertEquals(0.0, r.precision()[k]);
                assertEquals(0.0, r.recall()[k]);
            }
        }
    }

    /** The maps behind {@link BoundaryStatsTest#odsDiffersFromOisOnTwoImages()}, end to end. */
    @Test
    void twoImagesWhereOdsDiffersFromOis() {
        DenseMap gt = TestMaps.line(20, 20, 10, 5, 14, 1);
        DenseMap a = TestMaps.max(TestMaps.line(20, 20, 10, 5, 14, 0.9f), TestMaps.line(20, 20, 2, 5, 14, 0.4f));
        DenseMap b = TestMaps.line(20, 20, 10, 5, 14, 0.4f);
        try (BoundaryEvaluator ev = new BoundaryEvaluator(MAX_DIST_20, 3, 2)) {
            ev.add(a, gt);
            ev.add(b, gt);
            BoundaryResult r = ev.result();
            assertArrayEquals(new double[] {0.25, 0.5, 0.75}, r.thresholds(), 1e-15);
            assertEquals(1.0, r.oisF(), 1e-12);
            double d = 20 / 99.0;
            assertEquals((4 - d * d) / (5 - d / 2), r.odsF(), 1e-12);
            assertEquals(0.8, r.odsFAtThresholds(), 1e-12);
            assertEquals(0.425, r.ap(), 1e-12);
            assertTrue(r.odsF() < r.oisF());
        }
    }

    /**
     * Against an independent reference of the whole protocol: scikit-image's {@code thin} (checked against MATLAB's
     * {@code bwmorph}), SciPy's {@code maximum_bipartite_matching}, and {@code collect_eval_bdry.m} ported to
     * NumPy, run on the same three {@link TestMaps#synthetic} images (48×64, maxDist 0.04, 99 thresholds).
     */
    @Test
    void matchesTheIndependentReference() {
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.04, 99, 2)) {
            for (int s = 0; s < 3; s++) {
                DenseMap[] m = TestMaps.synthetic(48, 64, s);
                ev.add(m[0], m[1]);
            }
            List<ImageCounts> counts = ev.counts();
            assertEquals(List.of(131, 131, 131, 1130), row(counts.get(0), 0));
            assertEquals(List.of(97, 131, 97, 132), row(counts.get(0), 24));
            assertEquals(List.of(84, 133, 84, 128), row(counts.get(1), 49));
            assertEquals(List.of(80, 126, 80, 80), row(counts.get(2), 74));
            BoundaryResult r = ev.result();
            assertEquals(0.7888198757763976, r.odsF(), 1e-9);
            assertEquals(0.8018433179723502, r.oisF(), 1e-12);
            assertEquals(0.6106638185663916, r.ap(), 1e-9);
            assertEquals(0.7, r.odsThreshold(), 1e-9);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        BoundaryResult one = evaluateSynthetic(1);
        BoundaryResult two = evaluateSynthetic(2);
        assertEquals(one.odsF(), two.odsF());
        assertEquals(one.oisF(), two.oisF());
        assertEquals(one.ap(), two.ap());
        assertEquals(one.odsThreshold(), two.odsThreshold());
        assertArrayEquals(one.precision(), two.precision());
        assertArrayEquals(one.recall(), two.recall());
    }

    @Test
    void severalGroundTruthsPoolRecallAndShareMatchedPredictions() {
        DenseMap pred = TestMaps.line(20, 20, 10, 5, 14, 1);
        DenseMap gt1 = TestMaps.line(20, 20, 10, 5, 14, 1);
        DenseMap gt2 = TestMaps.line(20, 20, 11, 5, 9, 1);
        try (BoundaryEvaluator ev = new BoundaryEvaluator(MAX_DIST_20, 1, 1)) {
            ev.add(pred, List.of(gt1, gt2));
            ImageCounts c = ev.counts().get(0);
            assertEquals(10 + 5, c.cntR()[0]);
            assertEquals(10 + 5, c.sumR()[0]);
            assertEquals(10, c.cntP()[0]);
            assertEquals(10, c.sumP()[0]);
        }
    }

    @Test
    void ignoredPixelsRemoveThePredictionThere() {
        DenseMap gt = TestMaps.line(20, 20, 10, 5, 14, 1);
        for (int x = 0; x < 20; x++) {
            gt.set(0, 2, x, 255);
        }
        DenseMap pred = TestMaps.max(TestMaps.line(20, 20, 10, 5, 14, 1), TestMaps.line(20, 20, 2, 0, 19, 1));
        try (BoundaryEvaluator ev = new BoundaryEvaluator(MAX_DIST_20, 1, 1)) {
            ev.add(pred, gt);
            assertEquals(1.0, ev.result().odsF(), 1e-12);
        }
    }

    @Test
    void badInputsAreRejected() {
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.011, 99, 1)) {
            DenseMap gt = DenseMap.zeros(1, 8, 8);
            DenseMap nan = DenseMap.zeros(1, 8, 8);
            nan.set(0, 3, 3, Float.NaN);
            assertThrows(IllegalArgumentException.class, () -> ev.add(nan, gt));
            DenseMap inf = DenseMap.zeros(1, 8, 8);
            inf.set(0, 1, 1, Float.POSITIVE_INFINITY);
            assertThrows(IllegalArgumentException.class, () -> ev.add(inf, gt));
            assertThrows(IllegalArgumentException.class, () -> ev.add(DenseMap.zeros(1, 8, 9), gt));
            assertThrows(IllegalArgumentException.class, () -> ev.add(DenseMap.zeros(2, 8, 8), gt));
            DenseMap soft = DenseMap.zeros(1, 8, 8);
            soft.set(0, 0, 0, 0.5f);
            assertThrows(IllegalArgumentException.class, () -> ev.add(DenseMap.zeros(1, 8, 8), soft));
            assertEquals(0, ev.result().images());
        }
        assertThrows(IllegalArgumentException.class, () -> new BoundaryEvaluator(-0.1, 99, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoundaryEvaluator(0.01, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoundaryEvaluator(0.01, 99, 0));
    }

    private static BoundaryResult evaluateSynthetic(int threads) {
        try (BoundaryEvaluator ev = new BoundaryEvaluator(0.03, 99, threads)) {
            for (int s = 0; s < 6; s++) {
                DenseMap[] m = TestMaps.synthetic(40 + 4 * s, 60, s % 4);
                ev.add(m[0], m[1]);
            }
            return ev.result();
        }
    }

    private static List<Integer> row(ImageCounts c, int k) {
        return List.of(c.cntR()[k], c.sumR()[k], c.cntP()[k], c.sumP()[k]);
    }
}
