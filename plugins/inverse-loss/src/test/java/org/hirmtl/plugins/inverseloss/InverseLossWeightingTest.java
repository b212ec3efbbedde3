package org.hirmtl.plugins.inverseloss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.WeightingConfig;
import org.hirmtl.testkit.ComponentContract;
import org.junit.jupiter.api.Test;

class InverseLossWeightingTest {
    @Test
    void aTaskWithTwiceTheLossGetsHalfTheWeight() {
        InverseLossWeighting f = new InverseLossWeighting();
        TaskWeighting w = f.create(List.of("a", "b"), Map.of("a", 1.0, "b", 1.0),
                new WeightingConfig(InverseLossWeighting.NAME, 2, Map.of("momentum", 0.0)));
        assertEquals(Map.of("a", 1.0, "b", 1.0), w.weights());
        w.afterStep(Map.of("a", 1.0, "b", 2.0));
        assertEquals(1.5, w.weights().get("a"), 1e-12);
        assertEquals(0.75, w.weights().get("b"), 1e-12);
    }

    @Test
    void keepsTheWeightingContract() {
        InverseLossWeighting f = new InverseLossWeighting();
        ComponentContract.assertWeightingContract(f, List.of("semseg", "depth"),
                OptionSpec.resolve(f.options(), Map.of("momentum", 0.5)));
    }

    @Test
    void keepsTheModelContract() {
        ComponentContract.assertModelContract(new InverseLossPlugin(), "train.weighting.type=inverse-loss");
    }

    @Test
    void momentumOutsideItsRangeIsRejectedWhenTheConfigLoads() {
        org.hirmtl.api.config.ConfigValueException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.hirmtl.api.config.ConfigValueException.class,
                () -> OptionSpec.resolve(new InverseLossWeighting().options(), Map.of("momentum", 1.5)));
        assertEquals("momentum", e.yamlPath());
        assertEquals("must be in [0, 1), got 1.5", e.detail());
    }
}
