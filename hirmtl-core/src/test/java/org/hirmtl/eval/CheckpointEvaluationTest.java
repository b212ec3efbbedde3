package org.hirmtl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.hirmtl.api.ScaleStageFactory;
import org.hirmtl.api.config.StfConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.api.render.Palette;
import org.hirmtl.api.render.Picture;
import org.hirmtl.api.render.Pictures;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.infer.EngineChoice;
import org.hirmtl.registry.Components;
import org.hirmtl.registry.RegistryException;
import org.hirmtl.train.TrainListener;
import org.hirmtl.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

/** {@code hirmtl eval}'s work without the command: prepare fails fast, run reports, gates and Δm. */
class CheckpointEvaluationTest {
    @TempDir
    static Path tmp;
    static Components components;
    static Path run;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        components = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(components).loadDefaults(List.of("data.root=" + tmp.resolve("synth"),
                "data.image_size=64x64", "data.synth.size=64x64", "data.synth.train=4", "data.synth.val=3",
                "data.synth.classes=6", "tasks=[semseg, depth]", "tasks.semseg.options.classes=6",
                "model.backbone.widths=[8,8,16,16]", "model.stf.channels=8", "model.head.channels=8",
                "train.batch_size=2", "train.epochs=1")).config();
        run = tmp.resolve("run");
        new Trainer(components, TrainListener.NONE).train(cfg, run, false);
    }

    private static CheckpointEvaluation.Options options(String protocol, Path baseline, Path save, Gate... gates) {
        return new CheckpointEvaluation.Options(null, null, "val", new EvalProtocol(null, protocol, null, null), baseline,
                save, List.of(gates), null);
    }

    private static CheckpointEvaluation.Options engine(EngineChoice engine) {
        return new CheckpointEvaluation.Options(null, null, "val", null, null, null, List.of(), engine);
    }

    /** A plugin's scale stage whose layer (local response normalisation) has no ONNX export. */
    static final class NoOnnxStage implements ScaleStageFactory {
        @Override
        public String name() {
            return "no-onnx";
        }

        @Override
        public Map<String, List<Handle>> build(ModelGraph g, List<Handle> features, List<String> tasks,
                                               StfConfig config) {
            List<Handle> out = new ArrayList<>();
            for (Handle f : features) {
                Handle p = g.conv("no-onnx/s" + f.stride() + "/proj", f, config.channels(), 1, Activation.RELU);
                out.add(g.layer("no-onnx/s" + f.stride() + "/lrn", new LocalResponseNormalization.Builder().build(),
                        config.channels(), 1, p));
            }
            Map<String, List<Handle>> m = new LinkedHashMap<>();
            tasks.forEach(t -> m.put(t, out));
            return m;
        }
    }

    @Test
    void bothEnginesGiveTheSameMetricsAndTheReportNamesTheEngine() throws Exception {
        EvalReport onnx = CheckpointEvaluation.prepare(components, run, engine(null)).run(() -> { }, note -> { });
        EvalReport dl4j = CheckpointEvaluation.prepare(components, run, engine(EngineChoice.DL4J)).run(() -> { },
                note -> { });
        assertEquals("onnxruntime", onnx.engine().name(), "auto runs a model that exports on ONNX Runtime");
        assertEquals("dl4j", dl4j.engine().name());
        assertEquals("onnxruntime", ((Map<?, ?>) onnx.json().get("engine")).get("name"));
        assertTrue(onnx.engine().description().startsWith("onnxruntime 1."), onnx.engine().description());
        assertEquals(dl4j.metrics().keySet(), onnx.metrics().keySet());
        dl4j.metrics().forEach((k, v) -> assertEquals(v, onnx.metrics().get(k), 1e-4, k));
    }

    @Test
    void aComponentWithoutOnnxExportEvaluatesOnDl4jWithOneNote() throws Exception {
        Components c = BuiltinComponents.registries();
        c.recordPlugin("no-onnx", "0.1.0");
        c.registrar("no-onnx").scaleStage("no-onnx", new NoOnnxStage());
        ExperimentConfig cfg = new ConfigLoader(c).loadDefaults(List.of("data.root=" + tmp.resolve("synth"),
                "data.image_size=64x64", "data.synth.size=64x64", "data.synth.train=4", "data.synth.val=3",
                "data.synth.classes=6", "tasks=[depth]", "model.stf.type=no-onnx",
                "model.backbone.widths=[8,8,16,16]", "model.stf.channels=8", "model.head.channels=8",
                "train.batch_size=2", "train.epochs=1")).config();
        Path noOnnx = tmp.resolve("no-onnx-run");
        new Trainer(c, TrainListener.NONE).train(cfg, noOnnx, false);
        List<String> notes = new ArrayList<>();
        EvalReport r = CheckpointEvaluation.prepare(c, noOnnx, engine(null)).run(() -> { }, notes::add);
        assertEquals("dl4j", r.engine().name());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("note: running on dl4j, not onnxruntime: cannot export vertex "
                + "'no-onnx/s"), notes.get(0));
        assertTrue(Double.isFinite(r.metrics().get("depth.rmse")), r.metrics().toString());
        IllegalArgumentException forced = assertThrows(IllegalArgumentException.class, () -> CheckpointEvaluation
                .prepare(c, noOnnx, engine(EngineChoice.ONNXRUNTIME)).run(() -> { }, notes::add));
        assertTrue(forced.getMessage().startsWith("--engine onnxruntime: the model does not export to ONNX: cannot "
                + "export vertex 'no-onnx/s"), forced.getMessage());
    }

    @Test
    void evaluatesEveryImageAndWritesTheReport() throws Exception {
        CheckpointEvaluation e = CheckpointEvaluation.prepare(components, run,
                options(null, null, tmp.resolve("pred"), Gate.parse("semseg.miou=0", true),
                        Gate.parse("depth.rmse=0", false)));
        assertEquals(3, e.images());
        AtomicInteger seen = new AtomicInteger();
        EvalReport r = e.run(seen::incrementAndGet, note -> { });
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
        EvalReport r = CheckpointEvaluation.prepare(components, run, options(null, base, null)).run(() -> { }, note -> { });
        assertTrue(Double.isFinite(r.metrics().get(EvalReport.DELTA_M)), r.metrics().toString());
        assertEquals("higher", r.direction(EvalReport.DELTA_M));
        assertTrue(((Map<?, ?>) r.json().get("metrics")).containsKey("delta_m"));
    }

    @Test
    void aDatasetLayoutNoLoadedComponentReadsIsOneLine() {
        Components without = BuiltinComponents.registries();
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
        assertEquals("semseg.miou", ok.run(() -> { }, note -> { }).outcomes().get(0).gate().metric());
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
                new CheckpointEvaluation.Options(tmp.resolve("nowhere"), "synthetic", "val", null, null, null,
                        null, null)));
    }
}
