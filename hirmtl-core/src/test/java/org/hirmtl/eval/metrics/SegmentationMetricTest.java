package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

class SegmentationMetricTest {

    // 2x3 image, 4 classes; class 3 occurs in neither prediction nor target; pixel 4 is ignored.
    private static final float[] TARGET = {0, 0, 1, 1, 255, 2};
    private static final float[] PRED = {0, 1, 1, 2, 0, 2};

    private static DenseMap map(int c, int h, int w, float... v) {
        return new DenseMap(c, h, w, v);
    }

    /** One-hot-ish scores with the same argmax as PRED; pixel 0 is a tie between all classes (lowest index wins). */
    private static DenseMap scores() {
        float[][] perPixel = {
            {0.25f, 0.25f, 0.25f, 0.25f}, {0.1f, 0.7f, 0.1f, 0.1f}, {0.2f, 0.5f, 0.2f, 0.1f},
            {0.1f, 0.3f, 0.4f, 0.2f}, {0.9f, 0.0f, 0.1f, 0.0f}, {-1f, -3f, 2f, 2f - 1e-6f}};
        float[] d = new float[4 * 6];
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < 4; c++) {
                d[c * 6 + i] = perPixel[i][c];
            }
        }
        return map(4, 2, 3, d);
    }

    @Test
    void confusionMatrixAndPerClassFigures() {
        SegmentationMetric m = new SegmentationMetric(4);
        m.update(map(1, 2, 3, PRED), map(1, 2, 3, TARGET));
        // valid pixels (g,p): (0,0) (0,1) (1,1) (1,2) (2,2); the ignored pixel counts nowhere
        long[][] expected = {{1, 1, 0, 0}, {0, 1, 1, 0}, {0, 0, 1, 0}, {0, 0, 0, 0}};
        assertArrayEquals(expected, m.confusion());
        SegmentationMetric twice = m.fresh();
        twice.update(scores(), map(1, 2, 3, TARGET));
        twice.merge(m);
        assertEquals(2, twice.confusion()[0][0]);
        assertArrayEquals(new double[] {2, 2, 1, 0}, m.perClass().get("support"));
        assertArrayEquals(m.perClassIou(), m.perClass().get("iou"));
    }

    @Test
    void handComputedExampleWithIgnoreAndAnAbsentClass() {
        // valid pixels: (g0,p0) TP0; (g0,p1) FN0 FP1; (g1,p1) TP1; (g1,p2) FN1 FP2; (g2,p2) TP2
        // TP = [1,1,1,0], FP = [0,1,1,0], FN = [1,1,0,0] -> IoU = [1/2, 1/3, 1/2, NaN]
        SegmentationMetric m = new SegmentationMetric(4);
        m.update(map(1, 2, 3, PRED), map(1, 2, 3, TARGET));
        assertArrayEquals(new double[] {0.5, 1.0 / 3, 0.5, Double.NaN}, m.perClassIou(), 1e-15);
        Map<String, Double> r = m.results();
        assertEquals(List.of("miou", "miou_all", "pixel_acc"), List.copyOf(r.keySet()));
        assertEquals(1.0 / 3, r.get("miou_all"), 1e-15, "reported next to miou");
        assertEquals(4.0 / 9, r.get("miou"), 1e-15, "absent class 3 is excluded: (1/2 + 1/3 + 1/2) / 3");
        assertEquals(3.0 / 5, r.get("pixel_acc"), 1e-15);
        assertEquals(1.0 / 3, m.miouAbsentAsZero(), 1e-15, "anchors' variant: (1/2 + 1/3 + 1/2 + 0) / 4");
    }

    @Test
    void scoresAreReducedByArgmaxWithTiesToTheLowestIndex() {
        SegmentationMetric ids = new SegmentationMetric(4);
        ids.update(map(1, 2, 3, PRED), map(1, 2, 3, TARGET));
        SegmentationMetric sc = new SegmentationMetric(4);
        sc.update(scores(), map(1, 2, 3, TARGET));
        assertArrayEquals(ids.perClassIou(), sc.perClassIou(), 0);
        assertEquals(ids.results(), sc.results());
    }

    @Test
    void mergingTwoHalvesEqualsOnePass() {
        SegmentationMetric whole = new SegmentationMetric(4);
        whole.update(map(1, 2, 3, PRED), map(1, 2, 3, TARGET));
        SegmentationMetric top = new SegmentationMetric(4);
        top.update(map(1, 1, 3, 0, 1, 1), map(1, 1, 3, 0, 0, 1));
        SegmentationMetric bottom = top.fresh();
        bottom.update(map(1, 1, 3, 2, 0, 2), map(1, 1, 3, 1, 255, 2));
        top.merge(bottom);
        assertArrayEquals(whole.perClassIou(), top.perClassIou(), 0);
        assertEquals(whole.results(), top.results());
    }

    @Test
    void allPixelsIgnoredGivesNaN() {
        SegmentationMetric m = new SegmentationMetric(3);
        m.update(map(1, 1, 2, 0, 1), map(1, 1, 2, 255, 255));
        assertTrue(m.results().values().stream().allMatch(v -> v.isNaN()));
        assertTrue(new SegmentationMetric(3).results().get("miou").isNaN());
    }

    @Test
    void badIdsAndNaNScoresAreRejectedAndLeaveTheMetricUnchanged() {
        SegmentationMetric m = new SegmentationMetric(3);
        m.update(map(1, 1, 2, 0, 1), map(1, 1, 2, 0, 1));
        Map<String, Double> before = m.results();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.update(map(1, 1, 2, 0, 1), map(1, 1, 2, 0, 3)));
        assertTrue(e.getMessage().contains("target class id 3.0 at pixel 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.update(map(1, 1, 2, 0, 7), map(1, 1, 2, 0, 1)));
        assertTrue(e.getMessage().contains("predicted class id 7.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.update(map(3, 1, 2, 1, 0, 0, Float.NaN, 0, 0), map(1, 1, 2, 0, 1)));
        assertTrue(e.getMessage().startsWith("prediction contains NaN at pixel 1"), e.getMessage());
        assertEquals(before, m.results());
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        SegmentationMetric m = new SegmentationMetric(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.update(DenseMap.zeros(2, 2, 3), DenseMap.zeros(1, 2, 3)));
        assertTrue(e.getMessage().contains("2x2x3") && e.getMessage().contains("1x2x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.update(DenseMap.zeros(1, 2, 3), DenseMap.zeros(1, 3, 2)));
        assertTrue(e.getMessage().contains("1x2x3") && e.getMessage().contains("1x3x2"), e.getMessage());
    }

    @Test
    void mergeRefusesADifferentConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentationMetric(3).merge(new SegmentationMetric(4)));
        assertThrows(IllegalArgumentException.class, () -> new SegmentationMetric(3).merge(new DepthMetric()));
    }
}
