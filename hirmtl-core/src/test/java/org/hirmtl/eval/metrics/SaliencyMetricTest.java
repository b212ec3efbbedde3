package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

class SaliencyMetricTest {

    private static DenseMap map(float... v) {
        return new DenseMap(1, 1, v.length, v);
    }

    /** F_beta with beta^2 = 0.3, written out for the test. */
    private static double f(double p, double r) {
        return 1.3 * p * r / (0.3 * p + r);
    }

    @Test
    void handComputedMaxFAndMiou() {
        // salient: .9 .6 .4; background: .8 .2; the last pixel is ignored
        SaliencyMetric m = new SaliencyMetric();
        m.update(map(0.9f, 0.6f, 0.4f, 0.8f, 0.2f, 0.7f), map(1, 1, 1, 0, 0, 255));
        double[] expected = new double[19];
        for (int k = 0; k < 19; k++) {
            double t = (k + 1) / 20.0;
            if (t < 0.2) {
                expected[k] = f(3 / 5.0, 1);        // all five predicted salient
            } else if (t < 0.4) {
                expected[k] = f(3 / 4.0, 1);        // .9 .6 .4 .8
            } else if (t < 0.6) {
                expected[k] = f(2 / 3.0, 2 / 3.0);  // .9 .6 .8 (0.4 is not > 0.4)
            } else if (t < 0.8) {
                expected[k] = f(1 / 2.0, 1 / 3.0);  // .9 .8
            } else if (t < 0.9) {
                expected[k] = f(1, 1 / 3.0);        // .9
            } else {
                expected[k] = 0;                    // nothing predicted: P = R = 0
            }
        }
        assertArrayEquals(expected, m.fMeasures(), 1e-12);
        Map<String, Double> r = m.results();
        assertEquals(List.of("maxf", "miou"), List.copyOf(r.keySet()));
        assertEquals(39.0 / 49, r.get("maxf"), 1e-12, "1.3 * 0.75 / (0.225 + 1)");
        // at 0.5: TP 2, FP 1, FN 1, TN 1 -> salient IoU 2/4, background IoU 1/3
        assertEquals((0.5 + 1.0 / 3) / 2, r.get("miou"), 1e-12);
    }

    @Test
    void aProbabilityExactlyAtAThresholdIsBackgroundThere() {
        SaliencyMetric m = new SaliencyMetric();
        m.update(map(0.5f), map(1));
        double[] f = m.fMeasures();
        assertEquals(0.45, SaliencyMetric.thresholds()[8], 1e-7);
        assertEquals(1, f[8], 0, "0.5 > 0.45: salient, F = 1");
        assertEquals(0, f[SaliencyMetric.HALF], 0, "0.5 is not > 0.5: background, F = 0");
        // at 0.5: FN = 1 only -> salient IoU 0/1, background IoU 0/1
        assertEquals(0, m.miou(), 0);
        SaliencyMetric above = new SaliencyMetric();
        above.update(map(Math.nextUp(0.5f)), map(1));
        assertEquals(1, above.fMeasures()[SaliencyMetric.HALF], 0);
        assertEquals(1, above.miou(), 0, "background has an empty union and is excluded");
    }

    @Test
    void poolingAndMergeEqualOnePass() {
        SaliencyMetric one = new SaliencyMetric();
        one.update(map(0.9f, 0.6f, 0.4f, 0.8f, 0.2f), map(1, 1, 1, 0, 0));
        SaliencyMetric a = new SaliencyMetric();
        a.update(map(0.9f, 0.6f), map(1, 1));
        SaliencyMetric b = a.fresh();
        b.update(map(0.4f, 0.8f, 0.2f), map(1, 0, 0));
        a.merge(b);
        assertArrayEquals(one.fMeasures(), a.fMeasures(), 0);
        assertEquals(one.results(), a.results());
    }

    @Test
    void emptyIsNaNAndBadInputsAreRejected() {
        SaliencyMetric m = new SaliencyMetric();
        m.update(map(0.3f), map(255));
        assertTrue(m.results().values().stream().allMatch(v -> v.isNaN()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.update(map(0.3f, 0.2f), map(0, 2)))
                .getMessage().contains("saliency target 2.0 at pixel 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.update(map(1.5f), map(1)))
                .getMessage().contains("not a probability"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.update(map(Float.NaN), map(1)))
                .getMessage().startsWith("prediction contains NaN at pixel 0"));
        assertTrue(m.results().get("maxf").isNaN(), "rejected updates leave the metric unchanged");
    }
}
