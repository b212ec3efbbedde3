package org.hirmtl.eval.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hirmtl.api.eval.Direction;

/**
 * The multi-task performance Δm of DESIGN §4 (Maninis et al., used by MTI-Net, ATRC, InvPT):
 * <pre>
 *   Δm = (1/T) · Σ_t (−1)^{l_t} · (M_mt,t − M_st,t) / M_st,t · 100
 * </pre>
 * over the {@code T} entries of the multi-task results, where {@code M_st,t} is the single-task baseline of the same
 * backbone and {@code l_t = 1} when lower is better ({@link Direction#LOWER}: depth RMSE, normals mErr), 0 otherwise
 * (mIoU, maxF, odsF). Positive Δm means the multi-task model is better on average. Keys are {@code "task.metric"},
 * e.g. {@code "semseg.miou"}, {@code "depth.rmse"}; usually one per task, the task's {@link #PRIMARY} metric.
 */
public final class DeltaM {

    /**
     * The primary metric of each built-in task (DESIGN §4), task → metric name as it appears in the task metric's
     * {@code results()}: semseg → miou, parts → miou, depth → rmse, normals → mean, edge → odsf, saliency → maxf.
     */
    public static final Map<String, String> PRIMARY;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("semseg", "miou");
        m.put("parts", "miou");
        m.put("depth", "rmse");
        m.put("normals", "mean");
        m.put("edge", "odsf");
        m.put("saliency", "maxf");
        PRIMARY = Collections.unmodifiableMap(m);
    }

    private DeltaM() {
    }

    /**
     * Δm in percent.
     *
     * @param multiTask {@code "task.metric"} → the multi-task model's value; every entry counts as one term
     * @param singleTask {@code "task.metric"} → the single-task baseline; may hold more keys than {@code multiTask}
     * @param directions {@code "task.metric"} → which way is better
     * @throws IllegalArgumentException if {@code multiTask} is empty, a key has no baseline or no direction, a
     *     baseline is 0, or a value is not finite — each naming the key
     */
    public static double deltaM(Map<String, Double> multiTask, Map<String, Double> singleTask,
            Map<String, Direction> directions) {
        Objects.requireNonNull(multiTask, "multiTask");
        Objects.requireNonNull(singleTask, "singleTask");
        Objects.requireNonNull(directions, "directions");
        if (multiTask.isEmpty()) {
            throw new IllegalArgumentException("delta-m needs at least one multi-task metric");
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : multiTask.entrySet()) {
            String key = e.getKey();
            Double mt = e.getValue();
            Double st = singleTask.get(key);
            Direction dir = directions.get(key);
            if (st == null) {
                throw new IllegalArgumentException("no single-task baseline for '" + key + "' (baselines: "
                        + singleTask.keySet() + ")");
            }
            if (dir == null) {
                throw new IllegalArgumentException("no direction for '" + key + "'");
            }
            if (mt == null || !Double.isFinite(mt) || !Double.isFinite(st)) {
                throw new IllegalArgumentException("'" + key + "' is not finite: multi-task " + mt
                        + ", single-task " + st);
            }
            if (st == 0) {
                throw new IllegalArgumentException("single-task baseline for '" + key + "' is 0: relative change"
                        + " undefined");
            }
            double relative = (mt - st) / st;
            sum += dir == Direction.LOWER ? -relative : relative;
        }
        return sum / multiTask.size() * 100;
    }

    /** The key of a task's primary metric, e.g. {@code "depth.rmse"}; {@code null} for a task not in PRIMARY. */
    public static String primaryKey(String task) {
        String metric = PRIMARY.get(task);
        return metric == null ? null : task + "." + metric;
    }
}
