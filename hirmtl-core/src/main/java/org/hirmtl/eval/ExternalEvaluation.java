package org.hirmtl.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.synth.SynthListener;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.infer.ForeignOnnxEngine;
import org.hirmtl.infer.OnnxRuntimeEngine;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;

/**
 * Scoring what another program made, as {@code hirmtl eval --predictions DIR} and {@code hirmtl eval --model
 * FILE.onnx} do: predictions it saved ({@link SavedPredictions}) or its ONNX model ({@link ForeignOnnxEngine}), with
 * the same metrics, report, per-class figures, Δm and gates as a checkpoint's evaluation. The tasks, their options and
 * the protocol come from an experiment config (the built-in defaults unless the user gives one); a label task takes
 * the dataset's class names and count when the config was not given.
 */
public final class ExternalEvaluation {
    private final Source source;
    private final SavedPredictions saved;
    private final int[] inputSize;
    private final ExperimentConfig config;
    private final Map<String, TaskProvider> tasks;
    private final Dataset dataset;
    private final List<String> ids;
    private final Map<String, Double> baselines;
    private final List<Gate> gates;

    /** What is scored. */
    public sealed interface Source permits Saved, Onnx {
    }

    /**
     * Predictions saved in a folder ({@link SavedPredictions}).
     *
     * @param dir    the folder
     * @param resize resize predictions whose size differs from their image's
     */
    public record Saved(Path dir, boolean resize) implements Source {
    }

    /**
     * An ONNX model of any framework ({@link ForeignOnnxEngine}).
     *
     * @param file          the model file
     * @param outputs       task → the model's output name, in report order
     * @param inputSize     the input size {@code {H, W}} images are resized to, or null for the model's fixed size
     * @param normalisation applied to raw RGB in [0, 1] before the model, or null for none
     * @param logits        whether the outputs are logits (else activated as the toolkit's tasks are)
     * @param engine        ONNX Runtime's settings
     */
    public record Onnx(Path file, Map<String, String> outputs, int[] inputSize, Normalisation normalisation,
                       boolean logits, OnnxRuntimeEngine.Settings engine) implements Source {
        /** Requires at least one output. */
        public Onnx {
            if (outputs == null || outputs.isEmpty()) {
                throw new IllegalArgumentException("--outputs: name the model output of each task, e.g. "
                        + "semseg=out0,depth=out1");
            }
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    /**
     * What to score and how; {@code null} fields take the config's settings.
     *
     * @param source          saved predictions or an ONNX model
     * @param data            a dataset folder (default: the config's {@code data.root})
     * @param type            its layout (default {@code auto} with {@code data}, else the config's)
     * @param split           the split
     * @param tasks           the tasks to score (each must have predictions); null: every task of the config that
     *                        has a predictions folder (an ONNX model: the tasks of its {@code outputs})
     * @param protocol        protocol choices (named and per metric) over the config's
     * @param baseline        single-task reports for Δm (a file or a folder)
     * @param gates           CI gates
     * @param configGiven     whether the config came from the user (else label tasks follow the dataset's classes)
     */
    public record Options(Source source, Path data, String type, String split, List<String> tasks,
                          EvalProtocol protocol, Path baseline, List<Gate> gates, boolean configGiven) {
        /** Requires a source and a split; no gates is an empty list, no protocol the config's. */
        public Options {
            if (source == null || split == null || split.isBlank()) {
                throw new IllegalArgumentException("something to score and a split are required");
            }
            gates = gates == null ? List.of() : List.copyOf(gates);
            protocol = protocol == null ? EvalProtocol.CONFIG : protocol;
        }
    }

    private ExternalEvaluation(Source source, SavedPredictions saved, int[] inputSize, ExperimentConfig config,
                               Map<String, TaskProvider> tasks, Dataset dataset, List<String> ids,
                               Map<String, Double> baselines, List<Gate> gates) {
        this.source = source;
        this.saved = saved;
        this.inputSize = inputSize;
        this.config = config;
        this.tasks = tasks;
        this.dataset = dataset;
        this.ids = ids;
        this.baselines = baselines;
        this.gates = gates;
    }

    /**
     * Finds the predictions, opens the dataset and checks that every file is there — everything that can fail on
     * the user's input fails here, before any image is scored.
     *
     * @throws IllegalArgumentException for missing or unreadable predictions, unknown tasks, a bad protocol value,
     *                                  an unreadable baseline or a gate on an unknown metric
     * @throws IOException              if the dataset or split cannot be read
     */
    public static ExternalEvaluation prepare(Components components, ExperimentConfig config, Options o)
            throws IOException {
        ExperimentConfig cfg = o.protocol().apply(config, null);
        Map<String, TaskConfig> configured = new LinkedHashMap<>(cfg.tasks());
        List<String> wanted = o.source() instanceof Onnx onnx ? List.copyOf(onnx.outputs().keySet()) : o.tasks();
        if (wanted != null) {
            configured.keySet().retainAll(wanted);
            for (String t : wanted) {
                if (!configured.containsKey(t)) {
                    if (!components.tasks().names().contains(t)) {
                        throw new IllegalArgumentException((o.source() instanceof Onnx ? "--outputs" : "--tasks")
                                + ": unknown task '" + t + "' (known: "
                                + String.join(", ", components.tasks().names()) + ")");
                    }
                    configured.put(t, new TaskConfig(1.0, Map.of()));
                }
            }
        }
        Dataset dataset = o.data() != null
                ? components.openDataset(o.type() == null ? "auto" : o.type(), o.data(), configured)
                : components.openDataset(cfg, SynthListener.NONE);
        Map<String, TaskProvider> providers = new LinkedHashMap<>();
        Map<String, TaskConfig> taskConfigs = new LinkedHashMap<>();
        for (Map.Entry<String, TaskConfig> e : configured.entrySet()) {
            TaskProvider p = components.tasks().get(e.getKey());
            providers.put(e.getKey(), p);
            taskConfigs.put(e.getKey(), o.configGiven() ? e.getValue() : withDatasetClasses(p, e.getKey(),
                    e.getValue(), dataset));
        }
        SavedPredictions saved = null;
        int[] inputSize = null;
        List<String> scoredTasks;
        if (o.source() instanceof Saved folder) {
            saved = SavedPredictions.open(folder.dir(), providers, o.tasks() != null, folder.resize());
            scoredTasks = saved.tasks();
        } else {
            Onnx onnx = (Onnx) o.source();
            inputSize = inputSize(onnx);
            scoredTasks = List.copyOf(onnx.outputs().keySet());
        }
        Map<String, TaskProvider> scored = new LinkedHashMap<>();
        Map<String, TaskConfig> scoredConfigs = new LinkedHashMap<>();
        for (String t : scoredTasks) {
            scored.put(t, providers.get(t));
            scoredConfigs.put(t, taskConfigs.get(t));
        }
        ExperimentConfig used = o.protocol().apply(new ExperimentConfig(cfg.name(), cfg.model(), scoredConfigs,
                cfg.data(), cfg.train(), cfg.eval(), cfg.inference()), dataset.type());
        List<String> known = CheckpointEvaluation.metricNames(components, used, o.baseline() != null);
        List<Gate> gates = new ArrayList<>();
        o.gates().forEach(g -> gates.add(g.resolve(known)));
        Map<String, Double> baselines = o.baseline() == null ? null : Baselines.read(o.baseline());
        List<String> ids = dataset.ids(o.split());
        if (saved != null) {
            saved.requireFiles(ids);
        }
        return new ExternalEvaluation(o.source(), saved, inputSize, used, scored, dataset, ids, baselines, gates);
    }

    /** The input size of an ONNX model: the given one, else the model's fixed one (read from the file). */
    private static int[] inputSize(Onnx onnx) throws IOException {
        if (onnx.inputSize() != null) {
            return onnx.inputSize();
        }
        try (OnnxRuntimeEngine probe = OnnxRuntimeEngine.forOnnx(java.nio.file.Files.readAllBytes(onnx.file()),
                onnx.outputs(), true, onnx.engine(), note -> { })) {
            int[] fixed = probe.fixedInputSize();
            if (fixed[0] < 1 || fixed[1] < 1) {
                throw new IllegalArgumentException("--model: " + onnx.file().getFileName() + " takes images of any "
                        + "size; give the size to evaluate at with --input-size HxW");
            }
            return fixed;
        }
    }

    /** A label task's config with the dataset's class count and names, when the dataset names its classes. */
    private static TaskConfig withDatasetClasses(TaskProvider p, String task, TaskConfig tc, Dataset dataset) {
        List<String> names = dataset.classNames(task);
        if (p.targetKind() != TargetKind.LABELS || names.isEmpty()) {
            return tc;
        }
        Map<String, Object> options = new LinkedHashMap<>(tc.options());
        options.put("classes", names.size());
        options.put("class_names", names);
        return new TaskConfig(tc.weight(), options);
    }

    /** The number of images {@link #run} scores. */
    public int images() {
        return ids.size();
    }

    /** The tasks scored, in report order. */
    public List<String> tasks() {
        return List.copyOf(tasks.keySet());
    }

    /**
     * Scores every image of the split.
     *
     * @param onImage called after each image (progress)
     */
    public EvalReport run(Runnable onImage) throws IOException {
        return run(onImage, note -> { });
    }

    /**
     * Scores every image of the split.
     *
     * @param onImage called after each image (progress)
     * @param notes   receives one-line notes for the user
     */
    public EvalReport run(Runnable onImage, java.util.function.Consumer<String> notes) throws IOException {
        DatasetEvaluation.Result r;
        EvalReport.Subject subject;
        EvalReport.Engine engineInfo;
        if (saved != null) {
            r = new DatasetEvaluation(saved, tasks, config.tasks(), config.eval()).run(dataset, ids, 8, onImage);
            subject = new EvalReport.Subject("predictions", saved.describe());
            engineInfo = new EvalReport.Engine("predictions", "saved predictions in " + saved.describe().get("path"));
        } else {
            Onnx onnx = (Onnx) source;
            Map<String, org.hirmtl.api.data.TargetKind> kinds = new LinkedHashMap<>();
            tasks.forEach((t, p) -> kinds.put(t, p.targetKind()));
            try (ForeignOnnxEngine engine = new ForeignOnnxEngine(OnnxRuntimeEngine.forOnnx(
                    java.nio.file.Files.readAllBytes(onnx.file()), onnx.outputs(), true, onnx.engine(), notes),
                    onnx.normalisation(), kinds, onnx.logits(), onnx.file().getFileName().toString())) {
                InputGeometry geometry = new InputGeometry(inputSize[0], inputSize[1], inputSize[0], inputSize[1]);
                r = new DatasetEvaluation(DatasetEvaluation.ofModel(engine, tasks, geometry), tasks, config.tasks(),
                        config.eval()).run(dataset, ids, 1, onImage);
                engineInfo = new EvalReport.Engine(engine.name(), engine.description());
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("path", onnx.file().toAbsolutePath().toString());
            model.put("outputs", onnx.outputs());
            model.put("input_size", inputSize[0] + "x" + inputSize[1]);
            model.put("normalisation", onnx.normalisation() == null ? "none" : "imagenet");
            model.put("outputs_are", onnx.logits() ? "logits" : "activated");
            subject = new EvalReport.Subject("model", model);
        }
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        if (baselines != null) {
            metrics.put(EvalReport.DELTA_M, Baselines.deltaM(metrics, baselines, r.infos(), tasks()));
        }
        List<Gate.Outcome> outcomes = new ArrayList<>();
        gates.forEach(g -> outcomes.add(g.apply(metrics)));
        return EvalReport.of(subject, dataset, r.images(), config.eval(), metrics, r.infos(),
                CheckpointEvaluation.perClass(r, config.tasks()), outcomes, engineInfo);
    }
}
