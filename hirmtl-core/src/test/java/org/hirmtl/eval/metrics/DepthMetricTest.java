package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

class DepthMetricTest {

    private static DenseMap map(int h, int w, float... v) {
        return new DenseMap(1, h, w, v);
    }

    @Test
    void handComputedExampleExcludesInvalidPixels() {
        // valid (p, g): (1,1) (2.25,2) (3,4) (4,2); then a missing (g = 0) and a NaN target with wild predictions
        DepthMetric m = new DepthMetric();
        m.update(map(2, 3, 1, 2.25f, 3, 4, 100, 7), map(2, 3, 1, 2, 4, 2, 0, Float.NaN));
        Map<String, Double> r = m.results();
        assertEquals(List.of("rmse", "log_rmse", "abs_rel", "sq_rel", "delta1", "delta2", "delta3"),
                List.copyOf(r.keySet()));
        assertEquals(4, m.validPixels());
        // squared errors 0, 1/16, 1, 4 -> mean 81/64 -> rmse 9/8
        assertEquals(1.125, r.get("rmse"), 1e-15);
        // |d|/g: 0, 1/8, 1/4, 1 -> 11/32
        assertEquals(0.34375, r.get("abs_rel"), 1e-15);
        // d^2/g: 0, 1/32, 1/4, 2 -> 73/128
        assertEquals(0.5703125, r.get("sq_rel"), 1e-15);
        double l1 = Math.log(1.125);
        double l2 = Math.log(0.75);
        double l3 = Math.log(2);
        assertEquals(Math.sqrt((l1 * l1 + l2 * l2 + l3 * l3) / 4), r.get("log_rmse"), 1e-15);
        // max ratios 1, 1.125, 4/3, 2: < 1.25 two, < 1.5625 three, < 1.953125 three
        assertEquals(0.5, r.get("delta1"), 0);
        assertEquals(0.75, r.get("delta2"), 0);
        assertEquals(0.75, r.get("delta3"), 0);
    }

    @Test
    void rmseIsPooledOverPixelsNotAveragedOverImages() {
        DepthMetric m = new DepthMetric();
        m.update(map(1, 1, 3), map(1, 1, 1));       // one pixel, error 2: image RMSE 2
        m.update(map(1, 2, 5, 5), map(1, 2, 5, 5)); // two exact pixels: image RMSE 0
        double pooled = m.results().get("rmse");
        assertEquals(Math.sqrt(4.0 / 3), pooled, 1e-15);
        assertNotEquals((2.0 + 0.0) / 2, pooled, 1e-3);
    }

    @Test
    void logRmseClampsNonPositivePredictions() {
        DepthMetric m = new DepthMetric();
        m.update(map(1, 1, -2), map(1, 1, 1));
        assertEquals(-Math.log(DepthMetric.MIN_PREDICTION), m.results().get("log_rmse"), 1e-12);
        assertEquals(3, m.results().get("rmse"), 0);
        assertEquals(0, m.results().get("delta3"), 0);
    }

    @Test
    void mergeEqualsOnePassAndEmptyIsNaN() {
        DepthMetric one = new DepthMetric();
        one.update(map(1, 2, 1, 2.25f), map(1, 2, 1, 2));
        one.update(map(1, 2, 3, 4), map(1, 2, 4, 2));
        DepthMetric a = new DepthMetric();
        a.update(map(1, 2, 1, 2.25f), map(1, 2, 1, 2));
        DepthMetric b = a.fresh();
        assertTrue(b.results().values().stream().allMatch(v -> v.isNaN()));
        b.update(map(1, 2, 3, 4), map(1, 2, 4, 2));
        a.merge(b);
        assertEquals(one.results(), a.results());
    }

    @Test
    void rejectsNonFinitePredictionsAndShapeMismatch() {
        DepthMetric m = new DepthMetric();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.update(map(1, 2, 1, Float.POSITIVE_INFINITY), map(1, 2, 1, 0)));
        assertTrue(e.getMessage().startsWith("prediction contains Infinity at pixel 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.update(map(1, 2, 1, 1), map(2, 1, 1, 1)));
        assertTrue(e.getMessage().contains("1x1x2") && e.getMessage().contains("1x2x1"), e.getMessage());
        assertEquals(0, m.validPixels());
    }
}
