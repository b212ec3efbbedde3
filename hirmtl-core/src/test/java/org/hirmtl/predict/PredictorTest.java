package org.hirmtl.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.infer.Dl4jEngine;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.OnnxRuntimeEngine;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Images of any size come back as predictions of their own size, by each size policy, deterministically. */
class PredictorTest {
    static Components components;
    static ExperimentConfig config;
    static HirMtlModel model;
    static Map<String, TaskProvider> tasks;
    static InferenceEngine dl4j;
    static InferenceEngine onnx;

    /** A tiny untrained model for tests: 32×64 input, all five built-in dense tasks. */
    static ExperimentConfig tinyConfig() {
        return new ConfigLoader(BuiltinComponents.registries()).loadDefaults(List.of("data.image_size=32x64",
                "tasks=[semseg, depth, normals, edge]", "tasks.semseg.options.classes=5",
                "model.backbone.widths=[4,4,4,4]", "model.stf.channels=4", "model.head.channels=4")).config();
    }

    @BeforeAll
    static void build() {
        components = BuiltinComponents.registries();
        config = tinyConfig();
        model = new ModelBuilder(components).build(config, 10);
        tasks = new LinkedHashMap<>();
        model.tasks().forEach(t -> tasks.put(t, components.tasks().get(t)));
        dl4j = new Dl4jEngine(model, Normalisation.IMAGENET);
        if (onnx != null) {
            onnx.close(); // build() is also called by other test classes
        }
        onnx = OnnxRuntimeEngine.forModel(model, Normalisation.IMAGENET, OnnxRuntimeEngine.Settings.defaults(),
                note -> { });
    }

    @AfterAll
    static void close() {
        onnx.close();
    }

    static DenseMap image(int h, int w, long seed) {
        Random r = new Random(seed);
        DenseMap m = DenseMap.zeros(3, h, w);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = r.nextFloat();
        }
        return m;
    }

    static Predictor predictor(InferenceEngine engine, InputSize size) {
        return new Predictor(engine, tasks, size, ModelBuilder.maxStride(components, config),
                new InputGeometry(model.height(), model.width(), model.height(), model.width()));
    }

    private static Predictor predictor(InputSize size) {
        return predictor(dl4j, size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dl4j", "onnxruntime"})
    void everyPolicyReturnsPredictionsAtTheImagesOwnSize(String engine) {
        List<DenseMap> images = List.of(image(32, 64, 1), image(45, 70, 2), image(45, 70, 3), image(20, 33, 4));
        for (InputSize size : List.of(InputSize.MODEL, InputSize.KEEP, InputSize.fixed(64, 64))) {
            List<Map<String, DenseMap>> out = predictor(engine.equals("dl4j") ? dl4j : onnx, size).predict(images);
            assertEquals(images.size(), out.size());
            for (int i = 0; i < images.size(); i++) {
                assertEquals(List.of("semseg", "depth", "normals", "edge"), List.copyOf(out.get(i).keySet()));
                for (DenseMap p : out.get(i).values()) {
                    assertEquals(images.get(i).height(), p.height(), size + " height");
                    assertEquals(images.get(i).width(), p.width(), size + " width");
                    for (float v : p.data()) {
                        assertTrue(Float.isFinite(v));
                    }
                }
                assertEquals(5, out.get(i).get("semseg").channels());
                DenseMap n = out.get(i).get("normals");
                int plane = n.pixels();
                for (int p = 0; p < plane; p++) {
                    double len = Math.sqrt(Math.pow(n.data()[p], 2) + Math.pow(n.data()[plane + p], 2)
                            + Math.pow(n.data()[2 * plane + p], 2));
                    if (len > 0) { // an all-zero raw vector stays zero
                        assertEquals(1.0, len, 1e-4, "normals stay unit length after resizing");
                    }
                }
            }
        }
    }

    /**
     * ONNX Runtime (the model exported again for every network size: 32x64, 64x96, 32x64 and 64x64 here) gives DL4J's
     * predictions under every size policy.
     */
    @Test
    void bothEnginesPredictTheSameAtEverySize() {
        List<DenseMap> images = List.of(image(32, 64, 1), image(45, 70, 2), image(20, 33, 4));
        for (InputSize size : List.of(InputSize.MODEL, InputSize.KEEP, InputSize.fixed(64, 64))) {
            List<Map<String, DenseMap>> a = predictor(dl4j, size).predict(images);
            List<Map<String, DenseMap>> b = predictor(onnx, size).predict(images);
            for (int i = 0; i < images.size(); i++) {
                for (String t : a.get(i).keySet()) {
                    float[] x = a.get(i).get(t).data();
                    float[] y = b.get(i).get(t).data();
                    assertEquals(x.length, y.length, t);
                    for (int k = 0; k < x.length; k++) {
                        assertTrue(Math.abs(x[k] - y[k]) <= 1e-4 + 1e-3 * Math.abs(x[k]), size + " image " + i + " "
                                + t + "[" + k + "]: dl4j " + x[k] + ", onnxruntime " + y[k]);
                    }
                }
            }
        }
    }

    @Test
    void networkSizesFollowThePolicy() {
        int stride = ModelBuilder.maxStride(components, config);
        assertEquals(32, stride);
        assertArrayEquals(new int[] {32, 64}, predictor(InputSize.MODEL).networkSize(45, 70));
        assertArrayEquals(new int[] {64, 96}, predictor(InputSize.KEEP).networkSize(45, 70));
        assertArrayEquals(new int[] {32, 32}, predictor(InputSize.KEEP).networkSize(20, 10));
        assertArrayEquals(new int[] {64, 64}, predictor(InputSize.fixed(64, 64)).networkSize(45, 70));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> predictor(InputSize.fixed(50, 64)));
        assertTrue(e.getMessage().contains("64x64"), e.getMessage());
    }

    @Test
    void keepSizeOnAnExactMultipleEqualsTheModelSize() {
        DenseMap img = image(32, 64, 9);
        Map<String, DenseMap> a = predictor(InputSize.MODEL).predict(List.of(img)).get(0);
        Map<String, DenseMap> b = predictor(InputSize.KEEP).predict(List.of(img)).get(0);
        a.forEach((t, m) -> assertArrayEquals(m.data(), b.get(t).data(), 1e-6f, t));
    }

    @Test
    void predictionsAreDeterministicAndIndependentOfBatchNeighbours() {
        DenseMap img = image(40, 50, 5);
        Map<String, DenseMap> alone = predictor(InputSize.MODEL).predict(List.of(img)).get(0);
        Map<String, DenseMap> again = predictor(InputSize.MODEL).predict(List.of(img)).get(0);
        Map<String, DenseMap> inBatch = predictor(InputSize.MODEL).predict(List.of(image(40, 50, 6), img)).get(1);
        alone.forEach((t, m) -> {
            assertArrayEquals(m.data(), again.get(t).data(), t + " repeat");
            assertArrayEquals(m.data(), inBatch.get(t).data(), 1e-5f, t + " in a batch");
        });
    }

    @Test
    void padAndCropAreInverse() {
        DenseMap img = image(5, 7, 11);
        DenseMap padded = Predictor.padReplicate(img, 8, 8);
        assertEquals(img.get(2, 4, 6), padded.get(2, 7, 7));
        assertArrayEquals(img.data(), org.hirmtl.data.transform.InputGeometry.crop(padded, 5, 7).data());
    }

    @Test
    void unknownTasksAreRefused() {
        Map<String, TaskProvider> other = Map.of("saliency", components.tasks().get("saliency"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Predictor(dl4j, other,
                InputSize.MODEL, 32, new InputGeometry(32, 64, 32, 64)));
        assertTrue(e.getMessage().contains("does not predict 'saliency'"), e.getMessage());
    }
}
