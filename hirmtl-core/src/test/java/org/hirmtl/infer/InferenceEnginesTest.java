package org.hirmtl.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.InferenceConfig;
import org.hirmtl.export.onnx.OnnxExporter;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two engines behind one interface: same outputs by task name, selection, and what each refuses. */
class InferenceEnginesTest {
    private static final Normalisation NORM = new Normalisation(new double[] {0.4, 0.5, 0.6},
            new double[] {0.2, 0.25, 0.3});
    static HirMtlModel model;
    static InferenceEngine dl4j;
    static InferenceEngine onnx;

    @BeforeAll
    static void build() {
        Components c = BuiltinComponents.registries();
        model = new ModelBuilder(c).build(new ConfigLoader(c).loadDefaults(List.of("data.image_size=32x64",
                "tasks=[semseg, depth, normals, edge]", "tasks.semseg.options.classes=5",
                "model.backbone.widths=[4,4,8,8]", "model.stf.channels=4", "model.head.channels=4")).config(), 10);
        dl4j = InferenceEngines.open(EngineChoice.DL4J, model, NORM, note -> { });
        List<String> notes = new ArrayList<>();
        onnx = InferenceEngines.open(EngineChoice.AUTO, model, NORM, notes::add);
        assertEquals(List.of(), notes, "a model of built-in components exports without a note");
    }

    @AfterAll
    static void close() {
        onnx.close();
    }

    static ImageBatch random(int n, int h, int w, long seed) {
        return ImageBatch.of(OnnxVerifier.randomImages(n, h, w, seed), n, h, w);
    }

    @Test
    void autoPicksOnnxRuntimeForAModelThatExports() {
        assertEquals("onnxruntime", onnx.name());
        assertEquals("dl4j", dl4j.name());
        assertTrue(onnx.description().matches("onnxruntime \\S+ \\(CPU, \\d+ intra-op threads?.*\\)"),
                onnx.description());
        assertEquals(model.tasks(), onnx.tasks());
    }

    @Test
    void bothEnginesGiveTheSameOutputsByTaskName() {
        ImageBatch images = random(3, 32, 64, 5);
        Map<String, TaskOutput> a = dl4j.run(images);
        Map<String, TaskOutput> b = onnx.run(images);
        assertEquals(List.of("semseg", "depth", "normals", "edge"), List.copyOf(b.keySet()));
        for (String t : a.keySet()) {
            TaskOutput x = a.get(t);
            TaskOutput y = b.get(t);
            assertArrayEquals(new int[] {x.n(), x.channels(), x.height(), x.width()},
                    new int[] {y.n(), y.channels(), y.height(), y.width()}, t);
            for (int i = 0; i < x.data().length; i++) {
                assertTrue(Math.abs(x.data()[i] - y.data()[i]) <= 1e-4 + 1e-3 * Math.abs(x.data()[i]),
                        t + "[" + i + "]: dl4j " + x.data()[i] + ", onnxruntime " + y.data()[i]);
            }
        }
        assertEquals(5, b.get("semseg").channels());
        assertEquals(3, b.get("normals").channels());
    }

    @Test
    void onlyTheTasksAskedForAreReturnedInTheOrderAsked() {
        ImageBatch images = random(1, 32, 64, 6);
        assertEquals(List.of("edge", "depth"), List.copyOf(onnx.run(images, List.of("edge", "depth")).keySet()));
        assertEquals(List.of("edge", "depth"), List.copyOf(dl4j.run(images, List.of("edge", "depth")).keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> onnx.run(images, List.of("saliency")));
        assertEquals("the model does not predict 'saliency' (it predicts: semseg, depth, normals, edge)",
                e.getMessage());
    }

    @Test
    void aStoredOnnxModelRunsAtItsOwnSizeOnly() {
        byte[] file = OnnxExporter.export(model, NORM).model().toByteArray();
        try (OnnxRuntimeEngine stored = OnnxRuntimeEngine.forOnnx(file, model.tasks(),
                OnnxRuntimeEngine.Settings.defaults(), note -> { })) {
            ImageBatch images = random(2, 32, 64, 7);
            assertArrayEquals(onnx.run(images).get("depth").data(), stored.run(images).get("depth").data());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stored.run(random(1, 64, 64, 1)));
            assertEquals("the ONNX model takes images of 32x64, got 64x64", e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OnnxRuntimeEngine.forOnnx(file, List.of("depth", "saliency"),
                        OnnxRuntimeEngine.Settings.defaults(), note -> { }));
        assertTrue(missing.getMessage().startsWith("the ONNX model has no output 'saliency' (it has: "),
                missing.getMessage());
    }

    @Test
    void theDl4jEngineLeavesTheImagesUntouched() {
        ImageBatch images = random(1, 32, 64, 8);
        float[] before = images.toArray();
        dl4j.run(images);
        onnx.run(images);
        assertArrayEquals(before, images.toArray(), "the engines normalise a copy");
    }

    @Test
    void imageBatchesCheckShapesAndAreReused() {
        ImageBatch b = ImageBatch.allocate(2, 4, 5);
        assertSame(b, ImageBatch.reuse(b, 2, 4, 5));
        assertTrue(b != ImageBatch.reuse(b, 1, 4, 5));
        DenseMap img = DenseMap.zeros(3, 4, 5);
        img.data()[7] = 0.5f;
        b.set(1, img);
        assertEquals(0.5f, b.toArray()[3 * 4 * 5 + 7]);
        assertThrows(IllegalArgumentException.class, () -> b.set(0, DenseMap.zeros(3, 5, 4)));
        assertThrows(IndexOutOfBoundsException.class, () -> b.set(2, img));
        assertThrows(IllegalArgumentException.class, () -> ImageBatch.of(new float[5], 1, 4, 5));
    }

    @Test
    void engineNamesAreTheConfigsAndParseStrictly() {
        assertEquals(InferenceConfig.ENGINES, EngineChoice.NAMES);
        assertEquals(EngineChoice.ONNXRUNTIME, EngineChoice.parse("onnxruntime"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineChoice.parse("ort"));
        assertEquals("unknown engine 'ort' (known: auto, onnxruntime, dl4j)", e.getMessage());
    }
}
