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
import org.hirmtl.infer.ImageBatch;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.TaskOutput;
import org.hirmtl.predict.Predictor;

/**
 * Evaluates a model on a dataset split at the dataset's original resolution: each image is resized to the model's
 * content size and padded to its input ({@link InputGeometry}), run through an {@link InferenceEngine}, and the
 * activated outputs are cropped and resized back (bilinear) to the image's own size, decoded, and compared with the
 * untouched targets. Metrics are pooled over the split.
 */
public final class DatasetEvaluation {
    private final InferenceEngine engine;
    private final Map<String, TaskProvider> tasks;
    private final Map<String, TaskConfig> configs;
    private final EvalConfig eval;
    private final InputGeometry geometry;

    /**
     * @param engine   runs the model (it applies the model's normalisation)
     * @param tasks    the model's tasks by name
     * @param configs  their configs
     * @param eval     protocol options
     * @param geometry how images meet the network: resized to its content size and padded to the model's input;
     *                 predictions cropped back before they are resized to each image's size
     */
    public DatasetEvaluation(InferenceEngine engine, Map<String, TaskProvider> tasks, Map<String, TaskConfig> configs,
                             EvalConfig eval, InputGeometry geometry) {
        this.engine = engine;
        this.tasks = tasks;
        this.configs = configs;
        this.eval = eval;
        this.geometry = geometry;
    }

    /** Receives each decoded prediction at the image's original size (e.g. to save it). */
    @FunctionalInterface
    public interface PredictionSink {
        /** @param id the image id @param task the task @param prediction the decoded prediction */
        void accept(String id, String task, DenseMap prediction) throws IOException;
    }

    /** Results: {@code task.metric} → value, and each metric's description/direction. */
    public record Result(Map<String, Double> metrics, Map<String, MetricInfo> infos, int images) {
    }

    /**
     * Evaluates {@code ids} of {@code dataset} in batches of {@code batchSize}.
     *
     * @param onImage called once per image evaluated
     * @throws IllegalArgumentException if the dataset lacks targets for one of the model's tasks
     */
    public Result run(Dataset dataset, List<String> ids, int batchSize, Runnable onImage) throws IOException {
        return run(dataset, ids, batchSize, onImage, null);
    }

    /** As {@link #run(Dataset, List, int, Runnable)}, handing every decoded prediction to {@code sink} if not null. */
    public Result run(Dataset dataset, List<String> ids, int batchSize, Runnable onImage, PredictionSink sink)
            throws IOException {
        for (String t : engine.tasks()) {
            if (!dataset.tasks().contains(t)) {
                throw new IllegalArgumentException("the model predicts '" + t + "' but the " + dataset.type()
                        + " dataset at " + dataset.root() + " has no '" + t + "' targets (it has: "
                        + String.join(", ", dataset.tasks()) + ")");
            }
        }
        Map<String, DenseMetric> metrics = new LinkedHashMap<>();
        Map<String, MetricInfo> infos = new LinkedHashMap<>();
        for (String t : engine.tasks()) {
            DenseMetric m = tasks.get(t).metric(configs.get(t), eval);
            metrics.put(t, m);
            m.infos().forEach(i -> infos.put(t + "." + i.name(), i));
        }
        Set<String> names = Set.copyOf(engine.tasks());
        ImageBatch batch = null;
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Sample> samples = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + batchSize))) {
                samples.add(dataset.load(id, names));
            }
            batch = ImageBatch.reuse(batch, samples.size(), geometry.height(), geometry.width());
            for (int i = 0; i < samples.size(); i++) {
                batch.set(i, geometry.fitImage(samples.get(i).image()));
            }
            Map<String, TaskOutput> out = engine.run(batch);
            for (String t : engine.tasks()) {
                TaskOutput o = out.get(t);
                for (int i = 0; i < samples.size(); i++) {
                    DenseMap target = samples.get(i).target(t);
                    if (target == null) {
                        continue; // the image has no target for this task (e.g. no PASCAL-Part annotation)
                    }
                    DenseMap resized = geometry.toImage(o.image(i), target.height(), target.width());
                    DenseMap prediction = tasks.get(t).decode(renormalise(t, resized));
                    metrics.get(t).update(prediction, target);
                    if (sink != null) {
                        sink.accept(samples.get(i).id(), t, prediction);
                    }
                }
            }
            samples.forEach(s -> onImage.run());
        }
        Map<String, Double> flat = new LinkedHashMap<>();
        metrics.forEach((t, m) -> m.results().forEach((k, v) -> flat.put(t + "." + k, v)));
        return new Result(flat, infos, ids.size());
    }

    private DenseMap renormalise(String task, DenseMap m) {
        return tasks.get(task).targetKind() == org.hirmtl.api.data.TargetKind.NORMALS ? Predictor.renormalise(m) : m;
    }
}
