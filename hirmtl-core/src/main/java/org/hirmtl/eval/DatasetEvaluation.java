package org.hirmtl.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.MetricInfo;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.eval.metrics.SegmentationMetric;
import org.hirmtl.infer.ImageBatch;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.TaskOutput;
import org.hirmtl.predict.Predictor;

/**
 * Evaluates predictions on a dataset split at the dataset's original resolution, pooled over the split. The
 * predictions come from a {@link PredictionSource}: a model ({@link #ofModel}: each image resized to the model's
 * content size and padded to its input ({@link InputGeometry}), run through an {@link InferenceEngine}, the activated
 * outputs cropped and resized back (bilinear) to the image's own size and decoded), or files another program wrote
 * ({@link SavedPredictions}). Targets are untouched.
 */
public final class DatasetEvaluation {
    private final PredictionSource source;
    private final Map<String, TaskProvider> tasks;
    private final Map<String, TaskConfig> configs;
    private final EvalConfig eval;

    /**
     * Decoded predictions, each at the size of its image's target, in the layout of the task's metric.
     */
    public interface PredictionSource {
        /** The tasks predicted, in report order. */
        List<String> tasks();

        /**
         * The predictions for a batch of samples: one map per sample, task → decoded prediction at the size of the
         * sample's target for that task (a task whose target the sample lacks may be absent).
         *
         * @throws IOException if predictions cannot be read
         */
        List<Map<String, DenseMap>> predict(List<Sample> samples) throws IOException;
    }

    /**
     * @param source   the predictions
     * @param tasks    the predicted tasks by name
     * @param configs  their configs
     * @param eval     protocol options
     */
    public DatasetEvaluation(PredictionSource source, Map<String, TaskProvider> tasks,
                             Map<String, TaskConfig> configs, EvalConfig eval) {
        this.source = source;
        this.tasks = tasks;
        this.configs = configs;
        this.eval = eval;
    }

    /**
     * Evaluation of a model run by {@code engine}.
     *
     * @param engine   runs the model (it applies the model's normalisation)
     * @param tasks    the model's tasks by name
     * @param configs  their configs
     * @param eval     protocol options
     * @param geometry how images meet the network: resized to its content size and padded to the model's input;
     *                 predictions cropped back before they are resized to each image's size
     */
    public DatasetEvaluation(InferenceEngine engine, Map<String, TaskProvider> tasks, Map<String, TaskConfig> configs,
                             EvalConfig eval, InputGeometry geometry) {
        this(ofModel(engine, tasks, geometry), tasks, configs, eval);
    }

    /** The predictions of a model run by {@code engine}, resized back and decoded (see the class comment). */
    public static PredictionSource ofModel(InferenceEngine engine, Map<String, TaskProvider> tasks,
                                           InputGeometry geometry) {
        return new PredictionSource() {
            private ImageBatch batch;

            @Override
            public List<String> tasks() {
                return engine.tasks();
            }

            @Override
            public List<Map<String, DenseMap>> predict(List<Sample> samples) {
                batch = ImageBatch.reuse(batch, samples.size(), geometry.height(), geometry.width());
                for (int i = 0; i < samples.size(); i++) {
                    batch.set(i, geometry.fitImage(samples.get(i).image()));
                }
                Map<String, TaskOutput> out = engine.run(batch);
                List<Map<String, DenseMap>> result = new ArrayList<>();
                for (int i = 0; i < samples.size(); i++) {
                    Map<String, DenseMap> predictions = new LinkedHashMap<>();
                    for (String t : engine.tasks()) {
                        DenseMap target = samples.get(i).target(t);
                        if (target != null) {
                            DenseMap resized = geometry.toImage(out.get(t).image(i), target.height(), target.width());
                            predictions.put(t, tasks.get(t).decode(renormalise(tasks.get(t), resized)));
                        }
                    }
                    result.add(predictions);
                }
                return result;
            }
        };
    }

    /** Receives each decoded prediction at the image's original size (e.g. to save it). */
    @FunctionalInterface
    public interface PredictionSink {
        /** @param id the image id @param task the task @param prediction the decoded prediction */
        void accept(String id, String task, DenseMap prediction) throws IOException;
    }

    /**
     * Results.
     *
     * @param metrics  {@code task.metric} → value
     * @param infos    each metric's description/direction
     * @param images   images evaluated
     * @param perClass task → per-class figures of its metric ({@link DenseMetric#perClass()}), for tasks with classes
     * @param confusion task → confusion matrix ({@code [ground truth][prediction]} pixels), for tasks scored by
     *                  {@link SegmentationMetric}
     */
    public record Result(Map<String, Double> metrics, Map<String, MetricInfo> infos, int images,
                         Map<String, Map<String, double[]>> perClass, Map<String, long[][]> confusion) {
    }

    /**
     * Evaluates {@code ids} of {@code dataset} in batches of {@code batchSize}.
     *
     * @param onImage called once per image evaluated
     * @throws IllegalArgumentException if the dataset lacks targets for one of the predicted tasks
     */
    public Result run(Dataset dataset, List<String> ids, int batchSize, Runnable onImage) throws IOException {
        return run(dataset, ids, batchSize, onImage, null);
    }

    /** As {@link #run(Dataset, List, int, Runnable)}, handing every decoded prediction to {@code sink} if not null. */
    public Result run(Dataset dataset, List<String> ids, int batchSize, Runnable onImage, PredictionSink sink)
            throws IOException {
        List<String> predicted = source.tasks();
        for (String t : predicted) {
            if (!dataset.tasks().contains(t)) {
                throw new IllegalArgumentException("'" + t + "' is predicted but the " + dataset.type()
                        + " dataset at " + dataset.root() + " has no '" + t + "' targets (it has: "
                        + String.join(", ", dataset.tasks()) + ")");
            }
        }
        Map<String, DenseMetric> metrics = new LinkedHashMap<>();
        Map<String, MetricInfo> infos = new LinkedHashMap<>();
        for (String t : predicted) {
            DenseMetric m = tasks.get(t).metric(configs.get(t), eval);
            metrics.put(t, m);
            m.infos().forEach(i -> infos.put(t + "." + i.name(), i));
        }
        Set<String> names = Set.copyOf(predicted);
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Sample> samples = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + batchSize))) {
                samples.add(dataset.load(id, names));
            }
            List<Map<String, DenseMap>> out = source.predict(samples);
            for (String t : predicted) {
                for (int i = 0; i < samples.size(); i++) {
                    DenseMap target = samples.get(i).target(t);
                    DenseMap prediction = out.get(i).get(t);
                    if (target == null || prediction == null) {
                        continue; // the image has no target for this task (e.g. no PASCAL-Part annotation)
                    }
                    metrics.get(t).update(prediction, target);
                    if (sink != null) {
                        sink.accept(samples.get(i).id(), t, prediction);
                    }
                }
            }
            samples.forEach(s -> onImage.run());
        }
        Map<String, Double> flat = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> perClass = new LinkedHashMap<>();
        Map<String, long[][]> confusion = new LinkedHashMap<>();
        metrics.forEach((t, m) -> {
            m.results().forEach((k, v) -> flat.put(t + "." + k, v));
            if (!m.perClass().isEmpty()) {
                perClass.put(t, m.perClass());
            }
            if (m instanceof SegmentationMetric s) {
                confusion.put(t, s.confusion());
            }
        });
        return new Result(flat, infos, ids.size(), perClass, confusion);
    }

    private static DenseMap renormalise(TaskProvider task, DenseMap m) {
        return task.targetKind() == org.hirmtl.api.data.TargetKind.NORMALS ? Predictor.renormalise(m) : m;
    }
}
