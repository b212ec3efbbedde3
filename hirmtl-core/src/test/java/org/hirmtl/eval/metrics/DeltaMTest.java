package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.eval.Direction;
import org.junit.jupiter.api.Test;

class DeltaMTest {

    private static final Map<String, Direction> DIRECTIONS = Map.of(
            "semseg.miou", Direction.HIGHER, "depth.rmse", Direction.LOWER);

    @Test
    void formulaOnATwoTaskExampleWithALowerIsBetterMetric() {
        // semseg: 0.42 vs 0.40 -> +5 %; depth RMSE 0.55 vs 0.50 -> 10 % worse -> -10 %; mean -2.5
        Map<String, Double> mt = Map.of("semseg.miou", 0.42, "depth.rmse", 0.55);
        Map<String, Double> st = Map.of("semseg.miou", 0.40, "depth.rmse", 0.50, "normals.mean", 20.0);
        assertEquals(-2.5, DeltaM.deltaM(mt, st, DIRECTIONS), 1e-12);
        // a lower RMSE is an improvement: 0.45 vs 0.50 -> +10 %; mean +7.5
        assertEquals(7.5, DeltaM.deltaM(Map.of("semseg.miou", 0.42, "depth.rmse", 0.45), st, DIRECTIONS), 1e-12);
    }

    @Test
    void missingOrZeroBaselinesAreErrorsNamingTheKey() {
        Map<String, Double> mt = Map.of("semseg.miou", 0.42, "depth.rmse", 0.55);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeltaM.deltaM(mt, Map.of("semseg.miou", 0.4), DIRECTIONS));
        assertTrue(e.getMessage().contains("'depth.rmse'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeltaM.deltaM(mt, Map.of("semseg.miou", 0.0, "depth.rmse", 0.5), DIRECTIONS));
        assertTrue(e.getMessage().contains("'semseg.miou'") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeltaM.deltaM(Map.of("edge.odsf", 0.7), Map.of("edge.odsf", 0.7), DIRECTIONS));
        assertTrue(e.getMessage().contains("no direction for 'edge.odsf'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeltaM.deltaM(Map.of(), Map.of(), DIRECTIONS));
    }

    @Test
    void primaryMetricsFollowTheDesignAndMatchTheMetricsResultKeys() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("semseg", "miou");
        expected.put("parts", "miou");
        expected.put("depth", "rmse");
        expected.put("normals", "mean");
        expected.put("edge", "odsf");
        expected.put("saliency", "maxf");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(DeltaM.PRIMARY.entrySet()));
        assertEquals("depth.rmse", DeltaM.primaryKey("depth"));
        assertTrue(new SegmentationMetric(2).results().containsKey(DeltaM.PRIMARY.get("semseg")));
        assertTrue(new DepthMetric().results().containsKey(DeltaM.PRIMARY.get("depth")));
        assertTrue(new NormalsMetric(NormalsMetric.Protocol.FLOAT).results()
                .containsKey(DeltaM.PRIMARY.get("normals")));
        assertTrue(new SaliencyMetric().results().containsKey(DeltaM.PRIMARY.get("saliency")));
        assertEquals(Direction.LOWER, new DepthMetric().infos().get(0).direction());
    }
}
