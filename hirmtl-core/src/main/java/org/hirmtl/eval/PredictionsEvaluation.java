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
import org.hirmtl.registry.Components;

/**
 * Scoring predictions another program saved ({@link SavedPredictions}) on a dataset split, as
 * {@code hirmtl eval --predictions DIR} does: the same metrics, report, Δm and gates as a checkpoint's evaluation.
 * The tasks, their options and the protocol come from an experiment config (the built-in defaults unless the user
 * gives one); a label task takes the dataset's class names and count when the config was not given.
 */
public final class PredictionsEvaluation {
    private final SavedPredictions predictions;
    private final ExperimentConfig config;
    private final Map<String, TaskProvider> tasks;
    private final Dataset dataset;
    private final List<String> ids;
    private final Map<String, Double> baselines;
    private final List<Gate> gates;

    /**
     * What to score and how; {@code null} fields take the config's settings.
     *
     * @param predictions     the folder of saved predictions
     * @param data            a dataset folder (default: the config's {@code data.root})
     * @param type            its layout (default {@code auto} with {@code data}, else the config's)
     * @param split           the split
     * @param tasks           the tasks to score (each must have predictions); null: every task of the config that
     *                        has a predictions folder
     * @param protocol        protocol choices (named and per metric) over the config's
     * @param baseline        single-task reports for Δm (a file or a folder)
     * @param gates           CI gates
     * @param resize          resize predictions whose size differs from their image's
     * @param configGiven     whether the config came from the user (else label tasks follow the dataset's classes)
     */
    public record Options(Path predictions, Path data, String type, String split, List<String> tasks,
                          EvalProtocol protocol, Path baseline, List<Gate> gates, boolean resize,
                          boolean configGiven) {
        /** Requires a predictions folder and a split; no gates is an empty list, no protocol the config's. */
        public Options {
            if (predictions == null || split == null || split.isBlank()) {
                throw new IllegalArgumentException("a predictions folder and a split are required");
            }
            gates = gates == null ? List.of() : List.copyOf(gates);
            protocol = protocol == null ? EvalProtocol.CONFIG : protocol;
        }
    }

    private PredictionsEvaluation(SavedPredictions predictions, ExperimentConfig config,
                                  Map<String, TaskProvider> tasks, Dataset dataset, List<String> ids,
                                  Map<String, Double> baselines, List<Gate> gates) {
        this.predictions = predictions;
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
    public static PredictionsEvaluation prepare(Components components, ExperimentConfig config, Options o)
            throws IOException {
        ExperimentConfig cfg = o.protocol().apply(config, null);
        Map<String, TaskConfig> configured = new LinkedHashMap<>(cfg.tasks());
        if (o.tasks() != null) {
            configured.keySet().retainAll(o.tasks());
            for (String t : o.tasks()) {
                if (!configured.containsKey(t)) {
                    if (!components.tasks().names().contains(t)) {
                        throw new IllegalArgumentException("--tasks: unknown task '" + t + "' (known: "
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
        SavedPredictions saved = SavedPredictions.open(o.predictions(), providers, o.tasks() != null, o.resize());
        Map<String, TaskProvider> scored = new LinkedHashMap<>();
        Map<String, TaskConfig> scoredConfigs = new LinkedHashMap<>();
        for (String t : saved.tasks()) {
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
        saved.requireFiles(ids);
        return new PredictionsEvaluation(saved, used, scored, dataset, ids, baselines, gates);
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
        DatasetEvaluation.Result r = new DatasetEvaluation(predictions, tasks, config.tasks(), config.eval())
                .run(dataset, ids, 8, onImage);
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        if (baselines != null) {
            metrics.put(EvalReport.DELTA_M, Baselines.deltaM(metrics, baselines, r.infos(), tasks()));
        }
        List<Gate.Outcome> outcomes = new ArrayList<>();
        gates.forEach(g -> outcomes.add(g.apply(metrics)));
        return EvalReport.of(new EvalReport.Subject("predictions", predictions.describe()), dataset, r.images(),
                config.eval(), metrics, r.infos(), CheckpointEvaluation.perClass(r, config.tasks()), outcomes,
                new EvalReport.Engine("predictions", "saved predictions in " + predictions.describe().get("path")));
    }
}
