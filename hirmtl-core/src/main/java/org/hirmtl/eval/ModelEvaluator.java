package org.hirmtl.eval;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.data.Batch;
import org.hirmtl.data.BatchLoader;
import org.hirmtl.infer.Dl4jEngine;
import org.hirmtl.infer.ImageBatch;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.TaskOutput;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.TaskBatchAdapter;

/**
 * Runs a model over a split and accumulates every task's metrics (and optionally the validation loss), keyed
 * {@code task.metric}: the validation during training, on the live DL4J graph ({@link Dl4jEngine}, at the batches'
 * size). Also evaluates trivial baselines on the same split.
 */
public final class ModelEvaluator {
    private final HirMtlModel model;
    private final InferenceEngine engine;
    private final ValidationPass validation;
    private final TaskBatchAdapter adapter;
    private final Map<String, TaskProvider> tasks;
    private final Map<String, TaskConfig> configs;
    private final EvalConfig eval;

    /**
     * @param model the model
     * @param adapter its batch adapter
     * @param tasks the model's tasks by name
     * @param configs their configs
     * @param eval evaluation options
     */
    public ModelEvaluator(HirMtlModel model, TaskBatchAdapter adapter, Map<String, TaskProvider> tasks,
                          Map<String, TaskConfig> configs, EvalConfig eval) {
        this.model = model;
        this.engine = new Dl4jEngine(model, adapter.normalisation());
        this.validation = new ValidationPass(model);
        this.adapter = adapter;
        this.tasks = tasks;
        this.configs = configs;
        this.eval = eval;
    }

    /** The results of one evaluation. @param metrics {@code task.metric} → value @param loss mean loss or NaN */
    public record Result(Map<String, Double> metrics, double loss) {
    }

    /** Evaluates every batch of {@code loader}'s epoch 0. */
    public Result run(BatchLoader loader, boolean withLoss, Runnable onBatch) {
        Map<String, DenseMetric> metrics = fresh();
        double lossSum = 0;
        int batches = 0;
        for (Iterator<Batch> it = loader.epoch(0, 0); it.hasNext(); ) {
            Batch b = it.next();
            Map<String, TaskOutput> out;
            if (withLoss) {
                ValidationPass.Result r = validation.run(adapter.toMultiDataSet(b));
                out = r.outputs();
                lossSum += r.loss();
                batches++;
            } else {
                out = engine.run(ImageBatch.of(b.images(), b.size(), b.height(), b.width()));
            }
            out.forEach((t, o) -> update(metrics.get(t), b, t, o.data(), o.channels()));
            onBatch.run();
        }
        return new Result(flatten(metrics), withLoss && batches > 0 ? lossSum / batches : Double.NaN);
    }

    /** Evaluates constant baseline predictions on {@code loader}'s targets. */
    public Map<String, Double> baselines(Map<String, TrivialBaseline> baselines, BatchLoader loader) {
        Map<String, DenseMetric> metrics = fresh();
        for (Iterator<Batch> it = loader.epoch(0, 0); it.hasNext(); ) {
            Batch b = it.next();
            for (String t : model.tasks()) {
                TrivialBaseline base = baselines.get(t);
                if (base == null) {
                    continue;
                }
                DenseMap one = base.predict(b.height(), b.width());
                float[] pred = new float[b.size() * one.data().length];
                for (int i = 0; i < b.size(); i++) {
                    System.arraycopy(one.data(), 0, pred, i * one.data().length, one.data().length);
                }
                update(metrics.get(t), b, t, pred, one.channels());
            }
        }
        Map<String, Double> out = flatten(metrics);
        out.keySet().removeIf(k -> !baselines.containsKey(k.substring(0, k.indexOf('.'))));
        return out;
    }

    private Map<String, DenseMetric> fresh() {
        Map<String, DenseMetric> m = new LinkedHashMap<>();
        for (String t : model.tasks()) {
            m.put(t, tasks.get(t).metric(configs.get(t), eval));
        }
        return m;
    }

    private void update(DenseMetric metric, Batch b, String task, float[] pred, int channels) {
        int h = b.height();
        int w = b.width();
        int plane = h * w;
        float[] target = b.targets().get(task);
        int tc = b.channels().get(task);
        for (int i = 0; i < b.size(); i++) {
            float[] p = new float[channels * plane];
            System.arraycopy(pred, i * channels * plane, p, 0, p.length);
            float[] g = new float[tc * plane];
            System.arraycopy(target, i * tc * plane, g, 0, g.length);
            metric.update(tasks.get(task).decode(new DenseMap(channels, h, w, p)), new DenseMap(tc, h, w, g));
        }
    }

    private static Map<String, Double> flatten(Map<String, DenseMetric> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((t, m) -> m.results().forEach((k, v) -> out.put(t + "." + k, v)));
        return out;
    }
}
