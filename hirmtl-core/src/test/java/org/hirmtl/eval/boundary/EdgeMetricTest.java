package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.MetricInfo;
import org.junit.jupiter.api.Test;

class EdgeMetricTest {

    @Test
    void reportsNaNBeforeAnyImageAndTheDocumentedKeys() {
        EdgeMetric m = new EdgeMetric(0.011);
        Map<String, Double> r = m.results();
        assertEquals(List.of("odsf", "oisf", "ap", "ods_threshold"), List.copyOf(r.keySet()));
        assertEquals(m.infos().stream().map(MetricInfo::name).toList(), List.copyOf(r.keySet()));
        r.values().forEach(v -> assertTrue(v.isNaN()));
    }

    @Test
    void mergedHalvesEqualOnePass() {
        EdgeMetric whole = new EdgeMetric(0.03, 99, 1);
        EdgeMetric first = new EdgeMetric(0.03, 99, 2);
        DenseMetric second = first.fresh();
        for (int s = 0; s < 4; s++) {
            DenseMap[] m = TestMaps.synthetic(40, 56, s);
            whole.update(m[0], m[1]);
            (s < 2 ? first : second).update(m[0], m[1]);
        }
        first.merge(second);
        assertEquals(whole.results(), first.results());
        assertEquals(4, first.boundaryResult().images());
    }

    @Test
    void rejectsLogitsMismatchedShapesAndForeignMetrics() {
        EdgeMetric m = new EdgeMetric(0.011, 99, 1);
        DenseMap gt = DenseMap.zeros(1, 6, 6);
        DenseMap logits = DenseMap.zeros(1, 6, 6);
        logits.set(0, 2, 2, 3.5f);
        assertThrows(IllegalArgumentException.class, () -> m.update(logits, gt));
        DenseMap nan = DenseMap.zeros(1, 6, 6);
        nan.set(0, 0, 1, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> m.update(nan, gt));
        assertThrows(IllegalArgumentException.class, () -> m.update(DenseMap.zeros(1, 6, 7), gt));
        assertThrows(IllegalArgumentException.class, () -> m.merge(new EdgeMetric(0.0075, 99, 1)));
        assertTrue(m.results().get("odsf").isNaN());
    }
}
