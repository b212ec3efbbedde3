package org.hirmtl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;

/** A model saved when the losses lived in org.hirmtl.task.loss still restores. */
class LegacyNamesTest {

    @Test
    void oldLossClassNamesAreRewritten() throws Exception {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(c).loadDefaults(java.util.List.of("data.image_size=32x32",
                "tasks=[semseg, depth, edge]", "tasks.semseg.options.classes=3", "model.backbone.widths=[4,4,8,8]",
                "model.stf.channels=4", "model.head.channels=4")).config();
        HirMtlModel m = new ModelBuilder(c).build(cfg, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(m.graph(), bytes, true);
        byte[] current = bytes.toByteArray();
        assertSame(current, LegacyNames.rewrite(current), "a current model is passed through untouched");

        String json = m.graph().getConfiguration().toJson();
        String old = json;
        for (Map.Entry<String, String> e : LegacyNames.MOVED.entrySet()) {
            assertTrue(json.contains(e.getValue()), "the model uses " + e.getValue());
            old = old.replace(e.getValue(), e.getKey());
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(current));
             var out = new java.util.zip.ZipOutputStream(zip)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("configuration.json")) {
                    b = old.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(LegacyNames.rewrite(zip.toByteArray())), false);
        assertEquals(m.graph().getConfiguration().toJson(), restored.getConfiguration().toJson());
        assertArrayEquals(m.graph().params().data().asFloat(), restored.params().data().asFloat());
    }
}
