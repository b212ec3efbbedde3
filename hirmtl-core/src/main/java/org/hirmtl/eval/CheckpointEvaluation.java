package org.hirmtl.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hirmtl.api.Kind;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.io.Npy;
import org.hirmtl.data.synth.SynthListener;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.infer.EngineChoice;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.InferenceEngines;
import org.hirmtl.registry.Components;
import org.hirmtl.registry.RegistryException;

/**
 * Evaluating a checkpoint on a dataset split, as {@code hirmtl eval} does: {@link #prepare} loads the checkpoint
 * (only the plugins inference needs), applies protocol overrides, reads the baselines and opens the dataset and
 * split — everything that can fail on the user's input fails there, before any image is evaluated; {@link #run}
 * evaluates at the dataset's resolution, adds Δm and applies the gates.
 */
public final class CheckpointEvaluation {
    private final Path bundle;
    private final Checkpoints.Loaded loaded;
    private final ExperimentConfig config;
    private final Map<String, TaskProvider> tasks;
    private final Dataset dataset;
    private final List<String> ids;
    private final Map<String, Double> baselines;
    private final Options options;

    /**
     * What to evaluate and how; {@code null} fields take the checkpoint's own settings.
     *
     * @param data            a dataset folder (default: the checkpoint's {@code data.root})
     * @param type            its layout (default: the checkpoint's with the checkpoint's data, else {@code auto})
     * @param split           the split
     * @param protocol        protocol choices (named and per metric) over the checkpoint's
     * @param baseline        single-task reports for Δm (a file or a folder)
     * @param savePredictions a folder for every prediction at original size ({@code task/id.npy})
     * @param gates           CI gates
     * @param engine          the inference engine (null: the checkpoint's {@code inference.engine})
     */
    public record Options(Path data, String type, String split, EvalProtocol protocol,
                          Path baseline, Path savePredictions, List<Gate> gates, EngineChoice engine) {
        /** Requires a split; no gates is an empty list, no protocol the checkpoint's. */
        public Options {
            if (split == null || split.isBlank()) {
                throw new IllegalArgumentException("a split to evaluate is required");
            }
            gates = gates == null ? List.of() : List.copyOf(gates);
            protocol = protocol == null ? EvalProtocol.CONFIG : protocol;
        }
    }

    private CheckpointEvaluation(Path bundle, Checkpoints.Loaded loaded, ExperimentConfig config,
                                 Map<String, TaskProvider> tasks, Dataset dataset, List<String> ids,
                                 Map<String, Double> baselines, Options options) {
        this.bundle = bundle;
        this.loaded = loaded;
        this.config = config;
        this.tasks = tasks;
        this.dataset = dataset;
        this.ids = ids;
        this.baselines = baselines;
        this.options = options;
    }

    /**
     * Loads and checks everything the evaluation needs.
     *
     * @param loaded      the registries with the loaded plugins; the checkpoint's component names are pinned in them
     * @param runOrBundle a run folder (its best.zip, else last.zip) or a checkpoint/inference bundle
     * @throws IllegalArgumentException for a bad protocol value, an unreadable baseline, or a dataset without the
     *                                  model's tasks
     * @throws IOException              if the dataset or split cannot be read
     */
    public static CheckpointEvaluation prepare(Components loaded, Path runOrBundle, Options options)
            throws IOException {
        Path bundle = Checkpoints.bundle(runOrBundle);
        // gates first, from the meta data and config alone (no weights): a typo exits before the model loads
        loaded.requirePlugins(Checkpoints.meta(bundle).plugins(), bundle.toString());
        Components components = Checkpoints.componentsFor(bundle, loaded);
        ExperimentConfig stored = options.protocol().apply(Checkpoints.config(bundle,
                new ConfigLoader(components).forInference()), null);
        List<String> known = metricNames(components, stored, options.baseline() != null);
        List<Gate> gates = new ArrayList<>();
        options.gates().forEach(g -> gates.add(g.resolve(known)));
        options = new Options(options.data(), options.type(), options.split(), options.protocol(),
                options.baseline(), options.savePredictions(), gates, options.engine());
        Checkpoints.Loaded l = Checkpoints.readForInference(bundle, components);
        ExperimentConfig cfg = options.protocol().apply(l.config(), null);
        Map<String, Double> baselines = options.baseline() == null ? null : Baselines.read(options.baseline());
        String dataType = cfg.data().type();
        if (options.data() == null && !components.names(Kind.DATASET).contains(dataType)) {
            Map<String, String> used = l.meta().trainingPlugins();
            throw new RegistryException(bundle + " was trained on a '" + dataType + "' dataset, a layout no loaded "
                    + "plugin reads" + (used.isEmpty() ? "" : " (the run used plugin" + (used.size() == 1 ? " " : "s ")
                    + String.join(", ", used.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .toList()) + ")") + "; load it, or give --data DIR and --type");
        }
        Dataset dataset = options.data() != null
                ? components.openDataset(options.type() == null ? "auto" : options.type(), options.data(),
                        cfg.tasks())
                : components.openDataset(cfg, SynthListener.NONE);
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        l.model().tasks().forEach(t -> tasks.put(t, components.tasks().get(t)));
        List<String> ids = dataset.ids(options.split());
        cfg = options.protocol().apply(cfg, dataset.type());
        return new CheckpointEvaluation(bundle, l, cfg, tasks, dataset, ids, baselines, options);
    }

    /** Every metric key an evaluation of {@code config}'s tasks reports ({@code task.metric}, then {@code delta_m}). */
    static List<String> metricNames(Components components, ExperimentConfig config, boolean deltaM) {
        List<String> names = new ArrayList<>();
        config.tasks().forEach((t, tc) -> components.tasks().get(t).metric(tc, config.eval()).infos()
                .forEach(i -> names.add(t + "." + i.name())));
        if (deltaM) {
            names.add(EvalReport.DELTA_M);
        }
        return names;
    }

    /** The number of images {@link #run} evaluates. */
    public int images() {
        return ids.size();
    }

    /** The loaded checkpoint. */
    public Checkpoints.Loaded checkpoint() {
        return loaded;
    }

    /**
     * Evaluates every image of the split.
     *
     * @param onImage called after each image (progress)
     * @param notes   receives one-line notes for the user (e.g. that the model runs on DL4J because a component has
     *                no ONNX export)
     */
    public EvalReport run(Runnable onImage, Consumer<String> notes) throws IOException {
        Path save = options.savePredictions();
        InputGeometry geometry = new InputGeometry(config.data().imageSize().height(),
                config.data().imageSize().width(), loaded.model().height(), loaded.model().width());
        EngineChoice choice = options.engine() != null ? options.engine()
                : EngineChoice.parse(config.inference().engine());
        DatasetEvaluation.Result r;
        String engineName;
        String engineDescription;
        try (InferenceEngine engine = InferenceEngines.open(choice, loaded.model(), loaded.meta().normalisation(),
                notes)) {
            engineName = engine.name();
            engineDescription = engine.description();
            r = new DatasetEvaluation(engine, tasks, config.tasks(), config.eval(), geometry).run(dataset, ids,
                    config.train().batchSize(), onImage, save == null ? null : (id, task, pred) -> write(save, id,
                            task, pred));
        }
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        if (baselines != null) {
            metrics.put(EvalReport.DELTA_M, Baselines.deltaM(metrics, baselines, r.infos(), loaded.model().tasks()));
        }
        List<Gate.Outcome> outcomes = new ArrayList<>();
        options.gates().forEach(g -> outcomes.add(g.apply(metrics)));
        return EvalReport.of(EvalReport.Subject.checkpoint(bundle, loaded), dataset, r.images(), config.eval(),
                metrics, r.infos(), perClass(r, config.tasks()), outcomes,
                new EvalReport.Engine(engineName, engineDescription));
    }

    /** The per-class figures of {@code r}, classes named by each task's {@code class_names}. */
    static Map<String, EvalReport.PerClass> perClass(DatasetEvaluation.Result r, Map<String, TaskConfig> configs) {
        Map<String, EvalReport.PerClass> out = new LinkedHashMap<>();
        r.perClass().forEach((t, figures) -> out.put(t, EvalReport.PerClass.of(
                org.hirmtl.api.render.Pictures.classNames(configs.get(t)), figures, r.confusion().get(t))));
        return out;
    }

    private static void write(Path dir, String id, String task, DenseMap prediction) throws IOException {
        Path f = dir.resolve(task).resolve(id + ".npy");
        Files.createDirectories(f.getParent());
        if (prediction.channels() == 1) {
            Npy.writeHw(f, prediction);
        } else {
            Npy.writeHwc(f, prediction);
        }
    }
}
