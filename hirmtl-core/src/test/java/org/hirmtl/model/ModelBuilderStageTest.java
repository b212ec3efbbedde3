package org.hirmtl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.ScaleStageFactory;
import org.hirmtl.api.config.StfConfig;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigException;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** {@code model.stf.type} selects the scale stage, a plugin's included; {@code enabled: false} is {@code shared}. */
class ModelBuilderStageTest {
    private static final List<String> TINY = List.of("data.image_size=32x32", "tasks=[depth, normals]",
            "model.backbone.widths=[4,4,4,4]", "model.stf.channels=4", "model.head.channels=4");

    /** A stage that gives every task the same 1x1 projections with a tanh, under its own vertex names. */
    static final class TanhStage implements ScaleStageFactory {
        @Override
        public String name() {
            return "tanh";
        }

        @Override
        public Map<String, List<Handle>> build(ModelGraph g, List<Handle> features, List<String> tasks,
                                               StfConfig config) {
            List<Handle> out = new ArrayList<>();
            for (Handle f : features) {
                out.add(g.conv("tanh/s" + f.stride(), f, config.channels(), 1, Activation.TANH));
            }
            Map<String, List<Handle>> m = new LinkedHashMap<>();
            tasks.forEach(t -> m.put(t, out));
            return m;
        }
    }

    private static ExperimentConfig load(Components c, String... more) {
        List<String> o = new ArrayList<>(TINY);
        o.addAll(List.of(more));
        return new ConfigLoader(c).loadDefaults(o).config();
    }

    @Test
    void aRegisteredStageIsSelectedByType() {
        Components c = BuiltinComponents.registries();
        c.registrar("stages").scaleStage("tanh", new TanhStage());
        ExperimentConfig cfg = load(c, "model.stf.type=tanh");
        assertEquals("tanh", cfg.model().stf().type());
        var vertices = new ModelBuilder(c).build(cfg, 10).graph().getConfiguration().getVertices().keySet();
        assertTrue(vertices.contains("tanh/s8"), "the plugin's stage built the scale level");
        assertFalse(vertices.stream().anyMatch(v -> v.contains("/stf/")), "and the built-in stf did not");
    }

    @Test
    void enabledFalseIsTheSharedStageAndTheDefaultIsStf() {
        Components c = BuiltinComponents.registries();
        assertEquals("stf", load(c).model().stf().type());
        ExperimentConfig shared = load(c, "model.stf.enabled=false");
        assertEquals("shared", shared.model().stf().type());
        var vertices = new ModelBuilder(c).build(shared, 10).graph().getConfiguration().getVertices().keySet();
        assertFalse(vertices.stream().anyMatch(v -> v.contains("/stf/")), "no per-task fine-tuning blocks");
        assertFalse(load(c, "model.stf.type=shared").model().stf().enabled());
    }

    @Test
    void anUnknownStageOrDisablingAPluginStageIsAConfigError() {
        Components c = BuiltinComponents.registries();
        ConfigException e = assertThrows(ConfigException.class, () -> load(c, "model.stf.type=tanh"));
        assertEquals("model.stf.type", e.yamlPath());
        assertEquals("unknown 'tanh' (known: shared, stf)", e.detail());
        c.registrar("stages").scaleStage("tanh", new TanhStage());
        ConfigException off = assertThrows(ConfigException.class,
                () -> load(c, "model.stf.type=tanh", "model.stf.enabled=false"));
        assertEquals("model.stf.enabled", off.yamlPath());
    }
}
