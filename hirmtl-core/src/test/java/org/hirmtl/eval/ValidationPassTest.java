package org.hirmtl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.infer.Dl4jEngine;
import org.hirmtl.infer.ImageBatch;
import org.hirmtl.infer.TaskOutput;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.TaskBatchAdapter;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@link ValidationPass}: one workspace pass gives DL4J's own validation score ({@code graph.score(data, false)}:
 * every output's masked loss, auxiliary outputs included, plus weight decay) and the same task outputs as
 * {@code graph.output}.
 */
class ValidationPassTest {
    @Test
    void givesDl4jsScoreAndOutputsFromOnePass() {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(c).loadDefaults(List.of("data.image_size=32x64",
                "tasks=[semseg, depth, normals, edge]", "tasks.semseg.options.classes=5",
                "train.optimizer.weight_decay=0.01", "model.backbone.widths=[4,4,8,8]", "model.stf.channels=4",
                "model.head.channels=4")).config();
        HirMtlModel model = new ModelBuilder(c).build(cfg, 10);
        assertTrue(model.outputs().stream().anyMatch(o -> o.auxiliary()), "the model has auxiliary outputs");
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        cfg.taskNames().forEach(t -> tasks.put(t, c.tasks().get(t)));
        TaskBatchAdapter adapter = new TaskBatchAdapter(model, tasks, cfg.tasks(), Normalisation.IMAGENET);

        int n = 2;
        int plane = 32 * 64;
        Random r = new Random(3);
        float[] images = new float[n * 3 * plane];
        float[] semseg = new float[n * plane];
        float[] depth = new float[n * plane];
        float[] normals = new float[n * 3 * plane];
        float[] edge = new float[n * plane];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
        }
        for (int i = 0; i < n * plane; i++) {
            semseg[i] = r.nextInt(10) == 0 ? 255 : r.nextInt(5);
            depth[i] = r.nextInt(10) == 0 ? 0 : 0.5f + 3 * r.nextFloat();
            edge[i] = r.nextInt(8) == 0 ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                double x = r.nextGaussian();
                double y = r.nextGaussian();
                double z = Math.abs(r.nextGaussian()) + 0.1;
                double norm = Math.sqrt(x * x + y * y + z * z);
                normals[(i * 3) * plane + p] = (float) (x / norm);
                normals[(i * 3 + 1) * plane + p] = (float) (y / norm);
                normals[(i * 3 + 2) * plane + p] = (float) (z / norm);
            }
        }
        Batch b = new Batch(List.of("a", "b"), 32, 64, images,
                Map.of("semseg", semseg, "depth", depth, "normals", normals, "edge", edge),
                Map.of("semseg", 1, "depth", 1, "normals", 3, "edge", 1));
        MultiDataSet data = adapter.toMultiDataSet(b);

        double expected = model.graph().score(data, false);
        ValidationPass.Result got = new ValidationPass(model).run(data);
        assertEquals(expected, got.loss(), 1e-5 * Math.abs(expected), "the validation loss is DL4J's score");

        Map<String, TaskOutput> reference = new Dl4jEngine(model, Normalisation.IMAGENET)
                .run(ImageBatch.of(images, n, 32, 64));
        assertEquals(reference.keySet(), got.outputs().keySet());
        for (String t : reference.keySet()) {
            float[] want = reference.get(t).data();
            float[] have = got.outputs().get(t).data();
            assertEquals(want.length, have.length, t);
            float worst = 0;
            for (int i = 0; i < want.length; i++) {
                worst = Math.max(worst, Math.abs(want[i] - have[i]));
            }
            assertTrue(worst <= 1e-6f, t + ": outputs differ by " + worst);
        }
    }
}
