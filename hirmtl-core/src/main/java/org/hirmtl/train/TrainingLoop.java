package org.hirmtl.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.BatchLoader;
import org.hirmtl.data.io.FailPoints;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.eval.ModelEvaluator;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.TaskBatchAdapter;
import org.hirmtl.registry.Components;

/**
 * One run's epoch loop: training steps with their loss weights, mid-epoch checkpoints, validation, the best and
 * early-stopping bookkeeping, the run log and curves, and the checkpoints at each epoch's end. {@link Trainer} sets a
 * run up (config, dataset, model, resume) and hands it here.
 */
final class TrainingLoop {
    private final Components components;
    private final TrainListener listener;
    private final Function<ExperimentConfig, StepRunner> runner;
    private final Trainer.Run run;
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

    TrainingLoop(Components components, TrainListener listener, Function<ExperimentConfig, StepRunner> runner,
                 Trainer.Run run, Path runDir, Dataset dataset, Map<String, TaskProvider> tasks,
                 BatchLoader trainLoader, BatchLoader valLoader) {
        this.components = components;
        this.listener = listener;
        this.runner = runner;
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
        Checkpoints.write(runDir.resolve(Trainer.LAST), run.model, run.config, meta(), true);
        lastCheckpointNanos = System.nanoTime();
        stepsSinceCheckpoint = 0;
    }

    private void checkFinite(Map<String, Double> losses, int epoch, int step) {
        for (Map.Entry<String, Double> e : losses.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new TrainingDivergedException("training diverged: the loss of task '" + e.getKey()
                        + "' is " + e.getValue() + " at epoch " + epoch + ", step " + step + "; the last good "
                        + "checkpoint " + runDir.resolve(Trainer.LAST) + " was left as it was (lower "
                        + "train.optimizer.lr or set train.grad_clip)");
            }
        }
    }

    private Map<String, Double> validate() {
        // The training workspaces (every layer's input kept for backprop, the gradient pool) are not needed while
        // validating: freed, so that validation's memory replaces training's instead of adding to it. The next
        // epoch creates them again (Workspaces.sizeFromFirstPass in trainEpoch).
        Workspaces.release();
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
            Checkpoints.write(runDir.resolve(Trainer.BEST), run.model, run.config, meta(), false);
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
