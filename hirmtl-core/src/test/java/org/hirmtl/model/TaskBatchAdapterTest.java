package org.hirmtl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.data.Batch;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** A permuted task order must move labels with their outputs, never leave them in place. */
class TaskBatchAdapterTest {
    private static final Components C = BuiltinComponents.registries();
    private static final Map<String, TaskConfig> CONFIGS = Map.of(
            "semseg", new TaskConfig(1, Map.of("classes", 3)),
            "depth", new TaskConfig(1, Map.of()));
    private static final Map<String, TaskProvider> TASKS = Map.of(
            "semseg", C.tasks().get("semseg"), "depth", C.tasks().get("depth"));

    private static Batch batch() {
        // 1 image of 1x2: semseg classes {2, 255}, depth {1.5, 0}
        return new Batch(List.of("x"), 1, 2, new float[6],
                Map.of("semseg", new float[] {2, 255}, "depth", new float[] {1.5f, 0}),
                Map.of("semseg", 1, "depth", 1));
    }

    private static HirMtlModel model(String... order) {
        List<OutputSpec> outs = new java.util.ArrayList<>();
        for (String t : order) {
            outs.add(new OutputSpec(t + "/out", t, false, 1));
        }
        outs.add(new OutputSpec(order[0] + "/s8/aux/out", order[0], true, 1));
        return new HirMtlModel(null, List.of(order), outs, 1, 2);
    }

    @Test
    void labelsFollowTheirTaskWhateverTheOrder() {
        for (String[] order : new String[][] {{"semseg", "depth"}, {"depth", "semseg"}}) {
            HirMtlModel m = model(order);
            MultiDataSet mds = new TaskBatchAdapter(m, TASKS, CONFIGS, Normalisation.IMAGENET).toMultiDataSet(batch());
            for (int i = 0; i < m.outputs().size(); i++) {
                String task = m.outputs().get(i).task();
                float[] labels = mds.getLabels(i).dup().data().asFloat();
                float[] mask = mds.getLabelsMaskArray(i).dup().data().asFloat();
                if (task.equals("semseg")) {
                    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0}, labels, "one-hot of class 2 at output " + i);
                    assertArrayEquals(new float[] {1, 0}, mask, "255 is masked");
                } else {
                    assertArrayEquals(new float[] {1.5f, 0}, labels, "depth at output " + i);
                    assertArrayEquals(new float[] {1, 0}, mask, "depth 0 is masked");
                }
            }
            assertEquals(3, mds.getLabels().length);
        }
    }

    @Test
    void aBatchWithoutATaskIsAnError() {
        HirMtlModel m = model("semseg", "depth");
        Batch b = new Batch(List.of("x"), 1, 2, new float[6], Map.of("semseg", new float[] {2, 255}),
                Map.of("semseg", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskBatchAdapter(m, TASKS, CONFIGS, Normalisation.IMAGENET).toMultiDataSet(b));
        assertEquals("the batch has no 'depth' targets (it has: semseg)", e.getMessage());
    }

    @Test
    void encodingImageByImageEqualsTheTasksBatchEncoding() {
        java.util.Random r = new java.util.Random(3);
        int n = 3;
        int h = 4;
        int w = 5;
        Map<String, TaskConfig> configs = Map.of(
                "semseg", new TaskConfig(1, Map.of("classes", 4)), "depth", new TaskConfig(1, Map.of()),
                "normals", new TaskConfig(1, Map.of()), "edge", new TaskConfig(1, Map.of()),
                "saliency", new TaskConfig(1, Map.of()), "parts", new TaskConfig(1, Map.of("classes", 4)));
        for (Map.Entry<String, TaskConfig> e : configs.entrySet()) {
            TaskProvider task = C.tasks().get(e.getKey());
            TaskConfig tc = e.getValue();
            int targetChannels = e.getKey().equals("normals") ? 3 : 1;
            float[] target = new float[n * targetChannels * h * w];
            for (int i = 0; i < target.length; i++) {
                target[i] = switch (e.getKey()) {
                    case "semseg", "parts" -> r.nextInt(10) == 0 ? 255 : r.nextInt(4);
                    case "edge", "saliency" -> r.nextInt(3) == 0 ? 1 : (r.nextInt(10) == 0 ? 255 : 0);
                    default -> r.nextInt(8) == 0 ? 0 : r.nextFloat() * 2 - 0.5f;
                };
            }
            int c = task.outputChannels(tc);
            float[] labels = new float[n * c * h * w];
            float[] mask = new float[n * h * w];
            task.encodeLabels(target, n, h, w, tc, labels, mask);
            org.nd4j.linalg.api.ndarray.INDArray[] got = TaskBatchAdapter.encode(task, tc, target, n, h, w);
            assertArrayEquals(new long[] {n, c, h, w}, got[0].shape(), e.getKey());
            assertArrayEquals(labels, got[0].data().asFloat(), e.getKey() + " labels");
            assertArrayEquals(mask, got[1].data().asFloat(), e.getKey() + " mask");
        }
    }
}
