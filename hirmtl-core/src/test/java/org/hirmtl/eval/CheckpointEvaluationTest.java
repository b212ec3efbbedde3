package org.hirmtl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.render.Palette;
import org.hirmtl.api.render.Picture;
import org.hirmtl.api.render.Pictures;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.hirmtl.registry.RegistryException;
import org.hirmtl.train.TrainListener;
import org.hirmtl.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hirmtl eval}'s work without the command: prepare fails fast, run reports, gates and Δm. */
class CheckpointEvaluationTest {
    @TempDir
    static Path tmp;
    static Components components;
    static Path run;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        components = Components.withBuiltins();
        ExperimentConfig cfg = new ConfigLoader(components).loadDefaults(List.of("data.root=" + tmp.resolve("synth"),
                "data.image_size=64x64", "data.synth.size=64x64", "data.synth.train=4", "data.synth.val=3",
                "data.synth.classes=6", "tasks=[semseg, depth]", "tasks.semseg.options.classes=6",
                "model.backbone.widths=[8,8,16,16]", "model.stf.channels=8", "model.head.channels=8",
                "train.batch_size=2", "train.epochs=1")).config();
        run = tmp.resolve("run");
        new Trainer(components, TrainListener.NONE).train(cfg, run, false);
    }

    private static CheckpointEvaluation.Options options(String protocol, Path baseline, Path save, Gate... gates) {
        return new CheckpointEvaluation.Options(null, null, "val", protocol, null, baseline, save, List.of(gates));
    }

    @Test
    void evaluatesEveryImageAndWritesTheReport() throws Exception {
        CheckpointEvaluation e = CheckpointEvaluation.prepare(components, run,
                options(null, null, tmp.resolve("pred"), Gate.parse("semseg.miou=0", true),
                        Gate.parse("depth.rmse=0", false)));
        assertEquals(3, e.images());
        AtomicInteger seen = new AtomicInteger();
        EvalReport r = e.run(seen::incrementAndGet);
        assertEquals(3, seen.get());
        assertEquals(EvalReport.SCHEMA, r.json().get("schema"));
        assertTrue(r.metrics().containsKey("semseg.miou") && r.metrics().containsKey("depth.rmse"), r.metrics()
                .toString());
        assertEquals("lower", r.direction("depth.rmse"));
        assertFalse(r.passed(), "depth.rmse > 0 fails its gate");
        assertTrue(r.outcomes().get(0).passed());
        try (var saved = Files.list(tmp.resolve("pred/depth"))) {
            assertEquals(3, saved.filter(f -> f.toString().endsWith(".npy")).count(), "one prediction per image");
        }
    }

    @Test
    void aRunOnTheSyntheticScenesNamesItsClassesForLegends() throws Exception {
        var loaded = Checkpoints.readForInference(Checkpoints.bundle(run), components);
        TaskConfig semseg = loaded.config().tasks().get("semseg");
        Object names = semseg.options().get("class_names");
        assertEquals(List.of("floor", "wall", "ceiling"), ((List<?>) names).subList(0, 3), "from synth.json");
        assertEquals(6, ((List<?>) names).size());
        float[] scores = new float[6 * 2 * 2];
        for (int i = 0; i < 4; i++) {
            scores[4 + i] = 1; // class 1 everywhere
        }
        Picture p = Pictures.standard(TargetKind.LABELS, new DenseMap(6, 2, 2, scores), semseg, Palette.voc(6));
        assertEquals("1 wall 100%", p.legend().get(0).label());
    }

    @Test
    void baselinesAddDeltaM() throws Exception {
        Path base = Files.writeString(tmp.resolve("base.json"), "{\"metrics\": {\"semseg.miou\": {\"value\": 0.1},"
                + " \"depth.rmse\": {\"value\": 2.0}}}");
        EvalReport r = CheckpointEvaluation.prepare(components, run, options(null, base, null)).run(() -> { });
        assertTrue(Double.isFinite(r.metrics().get(EvalReport.DELTA_M)), r.metrics().toString());
        assertEquals("higher", r.direction(EvalReport.DELTA_M));
        assertTrue(((Map<?, ?>) r.json().get("metrics")).containsKey("delta_m"));
    }

    @Test
    void aDatasetLayoutNoLoadedComponentReadsIsOneLine() {
        Components without = Components.withBuiltins();
        without.registry(org.hirmtl.api.Kind.DATASET).unregisterSource("builtin");
        RegistryException e = assertThrows(RegistryException.class,
                () -> CheckpointEvaluation.prepare(without, run, options(null, null, null)));
        assertTrue(e.getMessage().contains("was trained on a 'synthetic' dataset, a layout no loaded plugin reads; "
                + "load it, or give --data DIR and --type"), e.getMessage());
    }

    @Test
    void gatesAreCheckedBeforeTheModelLoadsAndIgnoreCase() throws Exception {
        CheckpointEvaluation ok = CheckpointEvaluation.prepare(components, run,
                options(null, null, null, Gate.parse("semseg.mIoU=0", true)));
        assertEquals("semseg.miou", ok.run(() -> { }).outcomes().get(0).gate().metric());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () ->
                CheckpointEvaluation.prepare(components, run, options(null, null, null,
                        Gate.parse("semseg.mious=0.4", true))));
        assertTrue(typo.getMessage().startsWith("--fail-under semseg.mious: no such metric; did you mean "
                + "'semseg.miou'?"), typo.getMessage());
        IllegalArgumentException deltaWithoutBaseline = assertThrows(IllegalArgumentException.class, () ->
                CheckpointEvaluation.prepare(components, run, options(null, null, null,
                        Gate.parse("delta_m=0", true))));
        assertTrue(deltaWithoutBaseline.getMessage().contains("delta_m: no such metric"),
                deltaWithoutBaseline.getMessage());
    }

    @Test
    void badInputFailsBeforeAnyImage() throws Exception {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> CheckpointEvaluation.prepare(components, run, options("png16", null, null)));
        assertTrue(p.getMessage().startsWith("eval.normals_protocol: unknown 'png16'"), p.getMessage());
        Path notAReport = Files.writeString(tmp.resolve("x.json"), "{}");
        assertThrows(IllegalArgumentException.class,
                () -> CheckpointEvaluation.prepare(components, run, options(null, notAReport, null)));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> CheckpointEvaluation.prepare(components, run,
                new CheckpointEvaluation.Options(tmp.resolve("nowhere"), "synthetic", "val", null, null, null, null,
                        null)));
    }
}
