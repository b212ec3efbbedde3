package org.hirmtl.train.weighting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.config.WeightingConfig;
import org.junit.jupiter.api.Test;

class WeightingTest {
    private static final List<String> TASKS = List.of("a", "b");
    private static final Map<String, Double> BASE = Map.of("a", 1.0, "b", 10.0);

    @Test
    void fixedKeepsTheConfiguredWeights() {
        TaskWeighting w = new FixedWeighting().create(TASKS, BASE, new WeightingConfig("fixed", 2));
        w.afterStep(Map.of("a", 5.0, "b", 0.1));
        w.afterEpoch(Map.of("a", 5.0, "b", 0.1));
        assertEquals(BASE, w.weights());
    }

    @Test
    void dwaFollowsTheFormulaFromTheThirdEpoch() {
        TaskWeighting w = new DwaWeighting().create(TASKS, BASE, new WeightingConfig("dwa", 2));
        w.afterEpoch(Map.of("a", 4.0, "b", 1.0));
        assertEquals(BASE, w.weights(), "lambda = 1 for the first two epochs");
        w.afterEpoch(Map.of("a", 2.0, "b", 1.0));
        // r_a = 2/4 = 0.5, r_b = 1; lambda_t = 2 exp(r_t/2) / (exp(0.25) + exp(0.5))
        double ea = Math.exp(0.25);
        double eb = Math.exp(0.5);
        assertEquals(1.0 * 2 * ea / (ea + eb), w.weights().get("a"), 1e-12);
        assertEquals(10.0 * 2 * eb / (ea + eb), w.weights().get("b"), 1e-12);
        TaskWeighting restored = new DwaWeighting().create(TASKS, BASE, new WeightingConfig("dwa", 2));
        restored.restore(w.state());
        assertEquals(w.weights(), restored.weights(), "state round trip");
    }

    @Test
    void uncertaintyLowersTheWeightOfATaskWithLargeLoss() {
        TaskWeighting w = new UncertaintyWeighting().create(TASKS, Map.of("a", 1.0, "b", 1.0),
                new WeightingConfig("uncertainty", 2));
        for (int i = 0; i < 200; i++) {
            w.afterStep(Map.of("a", 10.0, "b", 0.1));
        }
        // d/ds = 1 - exp(-s) L: s_a grows (weight falls) where L > 1, s_b falls (weight rises) where L < 1
        assertTrue(w.weights().get("a") < 1.0, w.weights().toString());
        assertTrue(w.weights().get("b") > 1.0, w.weights().toString());
        TaskWeighting restored = new UncertaintyWeighting().create(TASKS, Map.of("a", 1.0, "b", 1.0),
                new WeightingConfig("uncertainty", 2));
        restored.restore(w.state());
        assertEquals(w.weights(), restored.weights());
    }
}
