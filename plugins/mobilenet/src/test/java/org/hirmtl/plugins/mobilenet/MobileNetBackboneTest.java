package org.hirmtl.plugins.mobilenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.testkit.ComponentContract;
import org.hirmtl.testkit.ContractModel;
import org.junit.jupiter.api.Test;

/** The MobileNet backbone: declared features, option checks, and the toolkit's contract kit. */
class MobileNetBackboneTest {
    @Test
    void declaresFourScales() {
        List<FeatureSpec> f = new MobileNetBackbone().features(new BackboneConfig("mobilenet", List.of(),
                Map.of("width_multiplier", 0.5)));
        assertEquals(List.of(new FeatureSpec(32, 4), new FeatureSpec(64, 8), new FeatureSpec(128, 16),
                new FeatureSpec(256, 32)), f);
    }

    @Test
    void rejectsBadOptions() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MobileNetBackbone().features(
                new BackboneConfig("mobilenet", List.of(8, 8), Map.of())));
        assertTrue(e.getMessage().contains("exactly 4 widths"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MobileNetBackbone().features(
                new BackboneConfig("mobilenet", List.of(), Map.of("blocks", 1.5))));
    }

    @Test
    void keepsTheModelContract() {
        ContractModel m = ComponentContract.assertModelContract(new MobileNetPlugin(), "model.backbone.type=mobilenet",
                "model.backbone.options={blocks: 0}");
        assertTrue(m.graph().getConfiguration().getVertices().containsKey("backbone/s32/down/dw"));
        ComponentContract.assertOnnxExportMatches(m);
    }
}
