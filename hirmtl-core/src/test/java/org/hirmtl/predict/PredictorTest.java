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
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Images of any size come back as predictions of their own size, by each size policy, deterministically. */
class PredictorTest {
    static Components components;
    static ExperimentConfig config;
    static HirMtlModel model;
    static Map<String, TaskProvider> tasks;

    /** A tiny untrained model for tests: 32×64 input, all five built-in dense tasks. */
    static ExperimentConfig tinyConfig() {
        return new ConfigLoader(Components.withBuiltins()).loadDefaults(List.of("data.image_size=32x64",
                "tasks=[semseg, depth, normals, edge]", "tasks.semseg.options.classes=5",
                "model.backbone.widths=[4,4,4,4]", "model.stf.channels=4", "model.head.channels=4")).config();
    }

    @BeforeAll
    static void build() {
        components = Components.withBuiltins();
        config = tinyConfig();
        model = new ModelBuilder(components).build(config, 10);
        tasks = new LinkedHashMap<>();
        model.tasks().forEach(t -> tasks.put(t, components.tasks().get(t)));
    }

    static DenseMap image(int h, int w, long seed) {
        Random r = new Random(seed);
        DenseMap m = DenseMap.zeros(3, h, w);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = r.nextFloat();
        }
        return m;
    }

    private static Predictor predictor(InputSize size) {
        return new Predictor(model, tasks, Normalisation.IMAGENET, size, ModelBuilder.maxStride(components, config));
    }

    @Test
    void everyPolicyReturnsPredictionsAtTheImagesOwnSize() {
        List<DenseMap> images = List.of(image(32, 64, 1), image(45, 70, 2), image(45, 70, 3), image(20, 33, 4));
        for (InputSize size : List.of(InputSize.MODEL, InputSize.KEEP, InputSize.fixed(64, 64))) {
            List<Map<String, DenseMap>> out = predictor(size).predict(images);
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Predictor(model, other,
                Normalisation.IMAGENET, InputSize.MODEL, 32));
        assertTrue(e.getMessage().contains("does not predict 'saliency'"), e.getMessage());
    }
}
