package org.hirmtl.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ConfigWriter;
import org.hirmtl.config.DataConfig;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.BatchLoader;
import org.hirmtl.data.io.AtomicFiles;
import org.hirmtl.data.synth.SynthListener;
import org.hirmtl.data.synth.SynthWriter;
import org.hirmtl.data.synth.SyntheticCache;
import org.hirmtl.data.transform.Augmentation;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.registry.Components;

/**
 * Trains HirMTL: data (generating the synthetic scenes if needed), model, optimisation with per-task loss weights,
 * per-epoch validation, {@code last.zip} (every epoch and, inside epochs, every {@code train.checkpoint.every_steps}
 * steps or {@code every_minutes} minutes) and {@code best.zip} checkpoints, {@code metrics.jsonl} and
 * {@code curves.png}; resumes exactly from {@code last.zip}, also in the middle of an epoch.
 *
 * <p>The files of a run folder agree after a crash at any moment: at the end of an epoch its {@code metrics.jsonl}
 * line is appended first, then {@code best.zip}, then {@code last.zip}, and a resume drops log lines of epochs after
 * {@code last.zip}'s and repeats those epochs (identically), so no epoch is missing or doubled; temporary files of
 * interrupted writes are removed at every start.
 */
public final class Trainer {
    /** The checkpoint written after every epoch. */
    public static final String LAST = "last.zip";
    /** The run's resolved config, written before its first step. */
    public static final String CONFIG = "config.yaml";
    private static final String CLASS_NAMES = "class_names";
    /** The checkpoint of the best epoch by {@code train.checkpoint.best_metric}. */
    public static final String BEST = "best.zip";
    private Components components; // pinned to a resumed run's plugin components (Checkpoints.componentsFor)
    private final TrainListener listener;
    private final Function<ExperimentConfig, StepRunner> runner;

    /**
     * Trains in this process: one batch per step, or {@code train.parallel.workers} ParallelWrapper replicas.
     *
     * @param components registries @param listener progress reports
     */
    public Trainer(Components components, TrainListener listener) {
        this(components, listener, Trainer::localRunner);
    }

    /**
     * Trains with the given way of running the steps (e.g. on a Spark cluster).
     *
     * @param runner the step runner for a run's config
     */
    public Trainer(Components components, TrainListener listener, Function<ExperimentConfig, StepRunner> runner) {
        this.components = components;
        this.listener = listener;
        this.runner = runner;
    }

    /** One batch per step in this thread, or ParallelWrapper replicas when {@code train.parallel.workers > 1}. */
    public static StepRunner localRunner(ExperimentConfig config) {
        double ds = config.model().stf().deepSupervisionWeight();
        return config.train().parallel().workers() > 1 ? new ParallelEpoch(config.train().parallel(), ds)
                : StepRunner.single(ds);
    }

    /**
     * The config of the run in {@code runDir} (its {@code last.zip}), for {@code --resume}: first checks that every
     * plugin the run used is loaded (inference and training-only ones alike), naming the missing ones and versions.
     */
    public ExperimentConfig resumeConfig(Path runDir) {
        Path last = runDir.resolve(LAST);
        components.requirePlugins(Checkpoints.meta(last).allPlugins(), last.toString());
        components = Checkpoints.componentsFor(last, components);
        return Checkpoints.config(last, new ConfigLoader(components));
    }

    /**
     * Checks {@code config} as {@code train} would before its first step, without training: the model builds (every
     * component, its options and the input size; sizes not divisible by the stride are padded), the loss weighting is
     * created, and the dataset — when its folder exists — has every task. The synthetic scenes are not generated.
     *
     * @return notes for the user: the network input when it is padded, and what could not be checked
     * @throws IllegalArgumentException (or a config/registry error) naming what {@code train} would reject
     * @throws IOException if the dataset exists but cannot be read
     */
    public List<String> validate(ExperimentConfig config) throws IOException {
        List<String> notes = new java.util.ArrayList<>();
        InputGeometry g = ModelBuilder.geometry(components, config);
        if (g.isPadded()) {
            notes.add("images are resized to " + g.contentHeight() + "x" + g.contentWidth() + " and padded to the "
                    + "network input " + g.height() + "x" + g.width() + " (the backbone's stride)");
        }
        new ModelBuilder(components).build(config);
        weighting(config);
        DataConfig d = config.data();
        boolean synthetic = d.type().equals("synthetic");
        Path root = synthetic ? SyntheticCache.folder(d) : Path.of(d.root());
        if (synthetic && !SynthWriter.isComplete(root, SyntheticCache.spec(d.synth()))) {
            notes.add("dataset not checked: the synthetic scenes are generated by the first 'train'");
        } else if (!Files.isDirectory(root)) {
            notes.add("dataset not checked: data.root " + root + " does not exist here (give --set data.root=DIR)");
        } else {
            components.openDataset(config, SynthListener.NONE);
        }
        return notes;
    }

    /** Opens the config's dataset (generating synthetic scenes when needed) and checks it has every task. */
    public Dataset openDataset(ExperimentConfig config) throws IOException {
        return components.openDataset(config, listener);
    }

    /**
     * Trains {@code config} into {@code runDir}; with {@code resume}, continues from {@code runDir/last.zip}. Holds
     * the folder's {@link RunLock} throughout.
     *
     * @throws TrainingDivergedException when a loss becomes NaN/Inf
     * @throws RunLockedException when another training holds the folder
     */
    public TrainResult train(ExperimentConfig config, Path runDir, boolean resume) throws IOException {
        Files.createDirectories(runDir);
        try (RunLock lock = RunLock.acquire(runDir)) {
            return trainLocked(config, runDir, resume);
        }
    }

    private TrainResult trainLocked(ExperimentConfig config, Path runDir, boolean resume) throws IOException {
        List<String> stale = AtomicFiles.removeTemporaryFiles(runDir);
        if (!stale.isEmpty()) {
            listener.message("Removed " + stale.size() + " temporary file(s) of an interrupted write: "
                    + String.join(", ", stale));
        }
        if (resume) {
            components = Checkpoints.componentsFor(runDir.resolve(LAST), components);
        }
        Dataset dataset = openDataset(config);
        config = resume ? config : withClassNames(config, dataset);
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        for (String t : config.taskNames()) {
            tasks.put(t, components.tasks().get(t));
        }
        var d = config.data();
        var train = config.train();
        InputGeometry geometry = ModelBuilder.geometry(components, config);
        Augmentation trainAug = new Augmentation(geometry, d.augment().hflip(),
                d.augment().scaleMin(), d.augment().scaleMax(), d.augment().crop(), d.augment().photometric(),
                t -> tasks.get(t).targetKind());
        Augmentation valAug = Augmentation.resizeOnly(geometry, t -> tasks.get(t).targetKind());
        Set<String> names = tasks.keySet();
        int workers = Math.max(1, d.workers());
        try (BatchLoader trainLoader = new BatchLoader(dataset, dataset.ids(d.trainSplit()), names, trainAug,
                train.batchSize(), true, true, train.seed(), workers, d.prefetch());
             BatchLoader valLoader = new BatchLoader(dataset, dataset.ids(d.valSplit()), names, valAug,
                     train.batchSize(), false, false, train.seed(), workers, d.prefetch())) {
            int steps = trainLoader.batchesPerEpoch();
            int replicas = train.parallel().workers();
            int optimiserSteps = (steps + replicas - 1) / replicas; // a parallel step trains one batch per replica
            Run run = resume ? resumeRun(runDir, config, tasks) : newRun(config, tasks, optimiserSteps * train.epochs());
            AtomicFiles.write(runDir.resolve(CONFIG), tmp -> Files.writeString(tmp, ConfigWriter.toYaml(run.config)));
            return new TrainingLoop(components, listener, runner, run, runDir, dataset, tasks, trainLoader, valLoader)
                    .run();
        } finally {
            Workspaces.release(); // the activations' memory, for whatever the JVM does next
        }
    }

    /**
     * {@code config} with the dataset's class names as {@code class_names} of each label task that gives none and
     * whose class count they match, so the checkpoint (and every picture legend of its predictions) names classes.
     */
    private ExperimentConfig withClassNames(ExperimentConfig config, Dataset dataset) {
        Map<String, TaskConfig> tasks = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, TaskConfig> e : config.tasks().entrySet()) {
            TaskConfig tc = e.getValue();
            TaskProvider p = components.tasks().get(e.getKey());
            List<String> names = dataset.classNames(e.getKey());
            if (p.targetKind() == TargetKind.LABELS && !names.isEmpty() && !tc.options().containsKey(CLASS_NAMES)
                    && names.size() == p.outputChannels(tc)) {
                Map<String, Object> options = new LinkedHashMap<>(tc.options());
                options.put(CLASS_NAMES, names);
                tc = new TaskConfig(tc.weight(), options);
                changed = true;
            }
            tasks.put(e.getKey(), tc);
        }
        return changed ? new ExperimentConfig(config.name(), config.model(), tasks, config.data(), config.train(),
                config.eval(), config.inference()) : config;
    }

    private Run newRun(ExperimentConfig config, Map<String, TaskProvider> tasks, int totalIterations) {
        HirMtlModel model = new ModelBuilder(components).build(config, totalIterations);
        TaskWeighting weighting = weighting(config);
        return new Run(config, model, weighting, 0, Double.NaN, 0, 0, Double.NaN, null);
    }

    private Run resumeRun(Path runDir, ExperimentConfig config, Map<String, TaskProvider> tasks) {
        Path last = runDir.resolve(LAST);
        components.requirePlugins(Checkpoints.meta(last).allPlugins(), last.toString());
        Checkpoints.Loaded l = Checkpoints.read(last, new ConfigLoader(components), true);
        CheckpointMeta m = l.meta();
        if (!m.tasks().equals(config.taskNames())) {
            throw new IllegalArgumentException("--resume: " + last + " was trained on tasks " + m.tasks()
                    + " but the config lists " + config.taskNames());
        }
        TaskWeighting weighting = weighting(config);
        weighting.restore(m.weightingState());
        listener.message(m.midEpoch()
                ? "Resuming " + runDir + " in epoch " + (m.epochsDone() + 1) + " after step " + m.progress().steps()
                        + " (iteration " + m.iteration() + ")"
                : "Resuming " + runDir + " after epoch " + m.epochsDone() + " (iteration " + m.iteration() + ")");
        return new Run(config, l.model(), weighting, m.epochsDone(), m.bestValue(), m.bestEpoch(), m.badEpochs(),
                m.earlyStopBest(), m.midEpoch() ? m.progress() : null);
    }

    private TaskWeighting weighting(ExperimentConfig config) {
        Map<String, Double> base = new LinkedHashMap<>();
        config.tasks().forEach((t, c) -> base.put(t, c.weight()));
        return components.weightings().get(config.train().weighting().type())
                .create(config.taskNames(), base, config.train().weighting());
    }

    /** The mutable state of a run. */
    static final class Run {
        final ExperimentConfig config;
        final HirMtlModel model;
        final TaskWeighting weighting;
        int epochsDone;
        double bestValue;
        int bestEpoch;
        int badEpochs;
        double earlyStopBest;
        /** Where training stands inside epoch {@code epochsDone + 1}, or {@code null} at an epoch's end. */
        CheckpointMeta.EpochProgress progress;

        Run(ExperimentConfig config, HirMtlModel model, TaskWeighting weighting, int epochsDone, double bestValue,
            int bestEpoch, int badEpochs, double earlyStopBest, CheckpointMeta.EpochProgress progress) {
            this.config = config;
            this.model = model;
            this.weighting = weighting;
            this.epochsDone = epochsDone;
            this.bestValue = bestValue;
            this.bestEpoch = bestEpoch;
            this.badEpochs = badEpochs;
            this.earlyStopBest = earlyStopBest;
            this.progress = progress;
        }
    }

}
