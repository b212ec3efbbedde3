package org.hirmtl.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ConfigWriter;
import org.hirmtl.config.DataConfig;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.data.BatchLoader;
import org.hirmtl.data.io.AtomicFiles;
import org.hirmtl.data.io.FailPoints;
import org.hirmtl.data.synth.SynthListener;
import org.hirmtl.data.synth.SynthWriter;
import org.hirmtl.data.synth.SyntheticCache;
import org.hirmtl.data.transform.Augmentation;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.eval.ModelEvaluator;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.TaskBatchAdapter;
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
        new ModelBuilder(components).build(config, 1);
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
            return new Loop(run, runDir, dataset, tasks, trainLoader, valLoader).run();
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

    /** One run's epoch loop. */
    private final class Loop {
        private final Run run;
        private final Path runDir;
        private final Dataset dataset;
        private final Map<String, TaskProvider> tasks;
        private final BatchLoader trainLoader;
        private final BatchLoader valLoader;
        private final TaskBatchAdapter adapter;
        private final ModelEvaluator evaluator;
        private final RunLog log;
        private final LossWeights lossWeights;
        private long lastCheckpointNanos = System.nanoTime();
        private int stepsSinceCheckpoint;

        Loop(Run run, Path runDir, Dataset dataset, Map<String, TaskProvider> tasks, BatchLoader trainLoader,
             BatchLoader valLoader) {
            this.run = run;
            this.runDir = runDir;
            this.dataset = dataset;
            this.tasks = tasks;
            this.trainLoader = trainLoader;
            this.valLoader = valLoader;
            Map<String, TaskConfig> configs = run.config.tasks();
            this.adapter = new TaskBatchAdapter(run.model, tasks, configs, Normalisation.IMAGENET);
            this.evaluator = new ModelEvaluator(run.model, adapter, tasks, configs, run.config.eval());
            this.log = new RunLog(runDir);
            this.lossWeights = new LossWeights(run.model, run.config.model().stf().deepSupervisionWeight());
        }

        TrainResult run() throws IOException {
            var t = run.config.train();
            log.truncateAfter(run.epochsDone);
            if (run.epochsDone > 0) {
                log.drawCurves(primaryMetrics()); // a crash may have come between the log line and the picture
            }
            Map<String, Double> lastVal = Map.of();
            boolean stoppedEarly = false;
            for (int epoch = run.epochsDone + 1; epoch <= t.epochs(); epoch++) {
                CheckpointMeta.EpochProgress from = run.progress;
                double[] seconds = new double[1];
                Map<String, Double> trainLoss = trainEpoch(epoch, from, seconds);
                run.progress = null;
                run.weighting.afterEpoch(trainLoss);
                boolean validate = run.config.eval().everyEpoch() || epoch == t.epochs();
                Map<String, Double> val = validate ? validate() : Map.of();
                lastVal = val.isEmpty() ? lastVal : val;
                boolean best = updateBest(val, epoch);
                stoppedEarly = updateEarlyStopping(val);
                run.epochsDone = epoch;
                EpochSummary s = new EpochSummary(epoch, run.model.graph().getIterationCount(),
                        learningRate(), trainLoss, run.weighting.weights(), val, seconds[0],
                        trainLoader.examplesPerEpoch() / seconds[0], best);
                log.append(s);
                FailPoints.reach("epoch.logged");
                writeCheckpoints(best, epoch);
                log.drawCurves(primaryMetrics());
                listener.epochEnd(s);
                Optional<String> stop = GracefulStop.requested();
                if (stop.isPresent() && epoch < t.epochs() && !stoppedEarly) {
                    throw new TrainingStoppedException(stop.get(), epoch, 0); // last.zip holds the whole epoch
                }
                if (stoppedEarly) {
                    listener.message("Early stopping: " + t.earlyStopping().metric() + " did not improve for "
                            + run.badEpochs + " epochs");
                    break;
                }
            }
            if (lastVal.isEmpty()) {
                lastVal = validate();
            }
            Map<String, String> baselineNames = new LinkedHashMap<>();
            Map<String, Double> baselines = baselines(baselineNames);
            return new TrainResult(runDir, run.epochsDone, lastVal, baselines, baselineNames, run.bestEpoch,
                    stoppedEarly);
        }

        /**
         * Trains one epoch from {@code from} (a mid-epoch checkpoint's position, or {@code null} for its start),
         * writing {@code last.zip} inside it when due.
         *
         * @param seconds receives the epoch's training time (including the part before a resume)
         * @return task → mean unweighted training loss over the epoch's steps
         */
        private Map<String, Double> trainEpoch(int epoch, CheckpointMeta.EpochProgress from, double[] seconds)
                throws IOException {
            int steps = trainLoader.batchesPerEpoch();
            int first = from == null ? 0 : Math.min(from.steps(), steps);
            listener.epochStart(epoch, run.config.train().epochs(), steps, first);
            EpochState e = new EpochState(epoch, steps, first, from);
            Workspaces.sizeFromFirstPass(run.model.graph().getVertices().length);
            lossWeights.apply(run.weighting.weights());
            runner.apply(run.config).train(run.model, trainLoader.epoch(epoch - 1, first), adapter::toMultiDataSet,
                    e::stepDone);
            seconds[0] = e.seconds();
            return e.means();
        }

        /** The running state of one epoch's training. */
        private final class EpochState {
            private final int epoch;
            private final int steps;
            private final Map<String, Double> sums = new LinkedHashMap<>();
            private final double before;
            private final long start = System.nanoTime();
            private long images;
            private int imagesNow;
            private int step;

            EpochState(int epoch, int steps, int first, CheckpointMeta.EpochProgress from) {
                this.epoch = epoch;
                this.steps = steps;
                this.step = first;
                if (from != null) {
                    sums.putAll(from.lossSums());
                }
                this.before = from == null ? 0 : from.seconds();
                this.images = from == null ? 0 : from.images();
            }

            /**
             * After an optimiser step over {@code losses.size()} batches (one, or one per parallel replica): checks
             * the losses, updates the weighting, reports progress, writes last.zip when due.
             *
             * @return the task weights for the next step
             */
            Map<String, Double> stepDone(List<Map<String, Double>> losses, int stepImages) throws IOException {
                Map<String, Double> mean = new LinkedHashMap<>();
                for (Map<String, Double> l : losses) {
                    checkFinite(l, epoch, step + 1);
                    l.forEach((k, v) -> {
                        sums.merge(k, v, Double::sum);
                        mean.merge(k, v / losses.size(), Double::sum);
                    });
                }
                run.weighting.afterStep(losses.size() == 1 ? losses.get(0) : mean);
                step += losses.size();
                images += stepImages;
                imagesNow += stepImages;
                double elapsed = (System.nanoTime() - start) / 1e9;
                listener.step(epoch, step, mean, imagesNow / elapsed);
                stepsSinceCheckpoint++;
                Optional<String> stop = GracefulStop.requested();
                if (step < steps && (stop.isPresent() || checkpointDue())) {
                    run.progress = new CheckpointMeta.EpochProgress(step, sums, before + elapsed, images);
                    writeLast();
                    FailPoints.reach("step.checkpoint");
                    if (stop.isPresent()) {
                        throw new TrainingStoppedException(stop.get(), epoch, step);
                    }
                }
                return run.weighting.weights();
            }

            double seconds() {
                return before + (System.nanoTime() - start) / 1e9;
            }

            /** Task → mean loss over the epoch's batches, in task order. */
            Map<String, Double> means() {
                Map<String, Double> out = new LinkedHashMap<>();
                for (String t : tasks.keySet()) {
                    if (sums.containsKey(t)) {
                        out.put(t, sums.get(t) / Math.max(1, step));
                    }
                }
                return out;
            }
        }

        /** Whether {@code train.checkpoint.every_steps} steps or {@code every_minutes} passed since the last one. */
        private boolean checkpointDue() {
            var c = run.config.train().checkpoint();
            return (c.everySteps() > 0 && stepsSinceCheckpoint >= c.everySteps())
                    || (c.everyMinutes() > 0 && (System.nanoTime() - lastCheckpointNanos) / 60e9 >= c.everyMinutes());
        }

        private CheckpointMeta meta() {
            return Provenance.meta(run, dataset, components.pluginsUsedBy(run.config),
                    components.qualifiedNames(run.config));
        }

        private void writeLast() throws IOException {
            Checkpoints.write(runDir.resolve(LAST), run.model, run.config, meta(), true);
            lastCheckpointNanos = System.nanoTime();
            stepsSinceCheckpoint = 0;
        }

        private void checkFinite(Map<String, Double> losses, int epoch, int step) {
            for (Map.Entry<String, Double> e : losses.entrySet()) {
                if (!Double.isFinite(e.getValue())) {
                    throw new TrainingDivergedException("training diverged: the loss of task '" + e.getKey()
                            + "' is " + e.getValue() + " at epoch " + epoch + ", step " + step + "; the last good "
                            + "checkpoint " + runDir.resolve(LAST) + " was left as it was (lower "
                            + "train.optimizer.lr or set train.grad_clip)");
                }
            }
        }

        private Map<String, Double> validate() {
            listener.validationStart(valLoader.batchesPerEpoch());
            ModelEvaluator.Result r = evaluator.run(valLoader, true, listener::phaseStep);
            listener.phaseEnd();
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("loss", r.loss());
            out.putAll(r.metrics());
            return out;
        }

        private boolean updateBest(Map<String, Double> val, int epoch) {
            String metric = run.config.train().checkpoint().bestMetric();
            Double v = val.get(metric);
            if (v == null || v.isNaN()) {
                return false;
            }
            boolean higher = higherIsBetter(metric, run.config.train().checkpoint().bestMode());
            if (Double.isNaN(run.bestValue) || (higher ? v > run.bestValue : v < run.bestValue)) {
                run.bestValue = v;
                run.bestEpoch = epoch;
                return true;
            }
            return false;
        }

        private boolean updateEarlyStopping(Map<String, Double> val) {
            var es = run.config.train().earlyStopping();
            Double v = val.get(es.metric());
            if (!es.enabled() || v == null || v.isNaN()) {
                return false;
            }
            boolean higher = higherIsBetter(es.metric(), "auto");
            if (Double.isNaN(run.earlyStopBest) || (higher ? v > run.earlyStopBest : v < run.earlyStopBest)) {
                run.earlyStopBest = v;
                run.badEpochs = 0;
            } else {
                run.badEpochs++;
            }
            return run.badEpochs >= es.patience();
        }

        private boolean higherIsBetter(String metric, String mode) {
            if (mode.equals("max")) {
                return true;
            }
            if (mode.equals("min") || metric.equals("loss")) {
                return false;
            }
            String task = metric.substring(0, metric.indexOf('.'));
            String name = metric.substring(metric.indexOf('.') + 1);
            return tasks.get(task).metric(run.config.tasks().get(task), run.config.eval()).infos().stream()
                    .filter(i -> i.name().equals(name)).findFirst()
                    .map(i -> i.direction() == org.hirmtl.api.eval.Direction.HIGHER)
                    .orElseThrow(() -> new IllegalArgumentException("train.checkpoint.best_metric: task '" + task
                            + "' has no metric '" + name + "'"));
        }

        /**
         * The end-of-epoch checkpoints, {@code best.zip} (and a numbered copy) before {@code last.zip}: a crash
         * between them leaves
         * {@code last.zip} at the previous position, from which the epoch is repeated and the same best written again.
         */
        private void writeCheckpoints(boolean best, int epoch) throws IOException {
            if (best) {
                Checkpoints.write(runDir.resolve(BEST), run.model, run.config, meta(), false);
                FailPoints.reach("epoch.best");
            }
            int every = run.config.train().checkpoint().everyEpochs();
            if (every > 0 && epoch % every == 0) {
                Checkpoints.write(runDir.resolve(String.format("epoch-%03d.zip", epoch)), run.model, run.config,
                        meta(), true);
            }
            writeLast();
            FailPoints.reach("epoch.last");
        }

        private double learningRate() {
            var g = run.model.graph();
            for (var layer : g.getLayers()) {
                if (layer.numParams() > 0) {
                    return g.getLearningRate(layer.conf().getLayer().getLayerName());
                }
            }
            return Double.NaN;
        }

        private Map<String, String> primaryMetrics() {
            Map<String, String> m = new LinkedHashMap<>();
            tasks.forEach((n, t) -> m.put(n, t.primaryMetric()));
            return m;
        }

        private Map<String, Double> baselines(Map<String, String> names) throws IOException {
            Map<String, TrivialBaseline> baselines = new LinkedHashMap<>();
            tasks.forEach((n, t) -> {
                TrivialBaseline b = t.baseline(run.config.tasks().get(n));
                if (b != null) {
                    baselines.put(n, b);
                    names.put(n, b.description());
                }
            });
            List<String> ids = dataset.ids(run.config.data().trainSplit());
            for (String id : ids.subList(0, Math.min(ids.size(), 200))) {
                var sample = dataset.load(id, baselines.keySet());
                baselines.forEach((n, b) -> {
                    if (sample.target(n) != null) {
                        b.observe(sample.target(n));
                    }
                });
            }
            return evaluator.baselines(baselines, valLoader);
        }
    }
}
