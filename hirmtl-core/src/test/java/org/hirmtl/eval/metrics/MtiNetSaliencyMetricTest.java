package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.junit.jupiter.api.Test;

/**
 * {@link MtiNetSaliencyMetric} against cases worked out by hand from MTI-Net's {@code eval_sal}, {@code jaccard} and
 * {@code precision_recall}; and {@link CombinedMetric}, which puts it next to the toolkit's own.
 */
class MtiNetSaliencyMetricTest {
    private static DenseMap map(float... v) {
        return new DenseMap(1, 1, v.length, v);
    }

    @Test
    void thresholdsAreNumpysLinspace() {
        double[] t = MtiNetSaliencyMetric.THRESHOLDS;
        assertEquals(15, t.length);
        assertEquals(0.2, t[0], 0);
        assertEquals(0.9, t[14], 0);
        assertEquals(0.25, t[1], 1e-15);
        assertEquals(0.7 / 14 * 7 + 0.2, t[7], 0); // numpy: j * step + start
    }

    @Test
    void readsValuesAsATruncatingEightBitSaveDoes() {
        for (int k = 0; k <= 255; k++) {
            float png = k / 255f;
            assertEquals(png, MtiNetSaliencyMetric.quantise(png), 0, "PNG value " + k + " survives");
        }
        assertEquals(229 / 255f, MtiNetSaliencyMetric.quantise(0.9f), 0); // 229.5 truncates
        assertEquals(0f, MtiNetSaliencyMetric.quantise(0.0039f), 0); // 0.99 truncates to 0
    }

    @Test
    void imageMeansOfJaccardPrecisionAndRecallThenMaxOverThresholds() {
        MtiNetSaliencyMetric m = new MtiNetSaliencyMetric();
        // image 1: quantised 229/255 = 0.898, 76/255 = 0.298, 63/255 = 0.247, 0 against salient, salient, bg, bg
        m.update(map(0.9f, 0.3f, 0.25f, 0f), map(1, 1, 0, 0));
        // image 2: nothing salient, nothing predicted above 0.2: J = 1 (both empty), P = R = 0
        m.update(map(0.1f, 0.1f, 0.1f, 0.1f), map(0, 0, 0, 0));
        // t = 0.20: image 1 predicts 3 pixels: J = 2/3, P = 2/3, R = 1 -> means J 5/6, P 1/3, R 1/2, F = 0.4
        // t = 0.25: image 1 predicts 2 pixels: J = P = R = 1 -> means J 1, P = R = 1/2, F = 0.5
        // t >= 0.30: image 1 predicts 1 pixel: J = 1/2, P = 1, R = 1/2 -> means J 3/4, P 1/2, R 1/4, F = 1/3
        Map<String, Double> r = m.results();
        assertEquals(List.of("maxf[mtinet]", "miou[mtinet]"), List.copyOf(r.keySet()));
        assertEquals(0.5, r.get("maxf[mtinet]"), 1e-9);
        assertEquals(1.0, r.get("miou[mtinet]"), 1e-12);
    }

    @Test
    void ignoredPixelsCountNowhereAndBadInputIsRejected() {
        MtiNetSaliencyMetric a = new MtiNetSaliencyMetric();
        a.update(map(0.9f, 0.9f), map(1, TargetKind.IGNORE));
        MtiNetSaliencyMetric b = new MtiNetSaliencyMetric();
        b.update(map(0.9f), map(1));
        assertEquals(b.results(), a.results());
        assertEquals(1.0, a.results().get("maxf[mtinet]"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> a.update(map(1.5f), map(1)));
        assertThrows(IllegalArgumentException.class, () -> a.update(map(0.5f), map(2)));
        assertTrue(new MtiNetSaliencyMetric().results().get("maxf[mtinet]").isNaN());
    }

    @Test
    void mergeEqualsOnePass() {
        MtiNetSaliencyMetric one = new MtiNetSaliencyMetric();
        MtiNetSaliencyMetric a = new MtiNetSaliencyMetric();
        MtiNetSaliencyMetric b = a.fresh();
        one.update(map(0.9f, 0.3f, 0.25f, 0f), map(1, 1, 0, 0));
        one.update(map(0.6f, 0.7f), map(0, 1));
        a.update(map(0.9f, 0.3f, 0.25f, 0f), map(1, 1, 0, 0));
        b.update(map(0.6f, 0.7f), map(0, 1));
        a.merge(b);
        assertEquals(one.results(), a.results());
    }

    @Test
    void combinedMetricReportsBothAndRejectsABadImageInFull() {
        CombinedMetric c = new CombinedMetric(new SaliencyMetric(), new MtiNetSaliencyMetric());
        assertEquals(List.of("maxf", "miou", "maxf[mtinet]", "miou[mtinet]"),
                c.infos().stream().map(i -> i.name()).toList());
        c.update(map(0.9f, 0.3f, 0.25f, 0f), map(1, 1, 0, 0));
        Map<String, Double> before = c.results();
        assertThrows(IllegalArgumentException.class, () -> c.update(map(Float.NaN, 0f), map(1, 0)));
        assertEquals(before, c.results());
        SaliencyMetric own = new SaliencyMetric();
        own.update(map(0.9f, 0.3f, 0.25f, 0f), map(1, 1, 0, 0));
        assertEquals(own.results().get("maxf"), before.get("maxf"));
        CombinedMetric d = c.fresh();
        d.update(map(0.9f, 0.3f, 0.25f, 0f), map(1, 1, 0, 0));
        d.merge(c.fresh());
        assertEquals(before, d.results());
        assertThrows(IllegalArgumentException.class, () -> new CombinedMetric(new SaliencyMetric(),
                new SaliencyMetric()));
    }
}
