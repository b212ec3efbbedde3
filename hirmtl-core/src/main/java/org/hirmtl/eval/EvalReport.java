package org.hirmtl.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.eval.MetricInfo;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.api.config.EvalConfig;

/**
 * The outcome of an evaluation (a checkpoint, an ONNX model or saved predictions): every metric (and Δm when baselines
 * were given) with its direction, per-class figures, the gates' outcomes, and the JSON report ({@link #json()}, schema
 * {@code hirmtl-eval/1}) that CI reads and that later runs read back as baselines ({@link Baselines}).
 *
 * @param metrics  {@code task.metric} → value, then {@code delta_m}
 * @param infos    each task metric's description and direction
 * @param outcomes the gates, in the order given
 * @param engine   the inference engine that ran the model (for saved predictions: {@code predictions})
 * @param perClass task → its per-class figures, for tasks with classes
 * @param json     the report
 */
public record EvalReport(Map<String, Double> metrics, Map<String, MetricInfo> infos, List<Gate.Outcome> outcomes,
                         Engine engine, Map<String, PerClass> perClass, Map<String, Object> json) {
    /** The report's schema name. */
    public static final String SCHEMA = "hirmtl-eval/1";
    /** The key of Δm among the metrics. */
    public static final String DELTA_M = "delta_m";

    /** Whether every gate passed (true without gates). */
    public boolean passed() {
        return outcomes.stream().allMatch(Gate.Outcome::passed);
    }

    /** "higher", "lower" or "none" for a metric key (Δm: higher). */
    public String direction(String metric) {
        MetricInfo info = infos.get(metric);
        return metric.equals(DELTA_M) ? "higher" : info == null ? "none"
                : info.direction().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The inference engine that produced the predictions.
     *
     * @param name        {@code onnxruntime}, {@code dl4j}, or {@code predictions} for saved predictions
     * @param description its version and settings, e.g. {@code onnxruntime 1.28.0 (CPU, 2 intra-op threads)}
     */
    public record Engine(String name, String description) {
    }

    /**
     * One task's per-class figures.
     *
     * @param classes   the class names in id order (the task's {@code class_names}, else the ids as text)
     * @param figures   figure name (e.g. {@code iou}, {@code support}) → one value per class, NaN where none
     * @param confusion pixels {@code [ground truth][prediction]}, or null where the metric keeps none
     */
    public record PerClass(List<String> classes, Map<String, double[]> figures, long[][] confusion) {
        /** The names: {@code names} where it has one per class, else {@code "0" .. "K-1"}. */
        static PerClass of(List<String> names, Map<String, double[]> figures, long[][] confusion) {
            int k = figures.values().stream().mapToInt(a -> a.length).max().orElse(0);
            List<String> classes = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                classes.add(names.size() == k ? names.get(c) : String.valueOf(c));
            }
            return new PerClass(List.copyOf(classes),
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures)), confusion);
        }
    }

    /** What was evaluated, for the report's head. */
    record Subject(String key, Map<String, Object> section) {
        /** A checkpoint: its path, tasks, epochs and provenance (key {@code checkpoint}, as in earlier reports). */
        static Subject checkpoint(Path bundle, Checkpoints.Loaded l) {
            Map<String, Object> ck = new LinkedHashMap<>();
            ck.put("path", bundle.toAbsolutePath().toString());
            ck.put("tasks", l.model().tasks());
            ck.put("epochs", l.meta().epochsDone());
            ck.put("provenance", l.meta().provenance());
            return new Subject("checkpoint", ck);
        }
    }

    /** Builds the report of one evaluation. */
    static EvalReport of(Subject subject, Dataset dataset, int images, EvalConfig eval, Map<String, Double> metrics,
                         Map<String, MetricInfo> infos, Map<String, PerClass> perClass, List<Gate.Outcome> outcomes,
                         Engine engine) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("schema", SCHEMA);
        rep.put(subject.key(), subject.section());
        rep.put("dataset", Map.of("type", dataset.type(), "root", dataset.root().toAbsolutePath().toString(),
                "images", images));
        rep.put("engine", Map.of("name", engine.name(), "description", engine.description()));
        rep.put("protocol", Map.of("resolution", "original", "normals", eval.normalsProtocol(),
                "edge_max_dist", eval.edgeMaxDist(), "saliency", eval.saliencyProtocol(),
                "edge", eval.edgeProtocol()));
        EvalReport partial = new EvalReport(Map.copyOf(metrics), Map.copyOf(infos), List.copyOf(outcomes), engine,
                Map.of(), Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", finite(v));
            e.put("direction", partial.direction(k));
            m.put(k, e);
        });
        rep.put("metrics", m);
        Map<String, Object> pc = new LinkedHashMap<>();
        perClass.forEach((task, p) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("classes", p.classes());
            p.figures().forEach((name, values) -> {
                List<Double> list = new ArrayList<>();
                for (double v : values) {
                    list.add(finite(v));
                }
                e.put(name, list);
            });
            if (p.confusion() != null) {
                e.put("confusion", p.confusion());
            }
            pc.put(task, e);
        });
        rep.put("per_class", pc);
        List<Map<String, Object>> gates = new ArrayList<>();
        for (Gate.Outcome g : outcomes) {
            gates.add(Map.of("metric", g.gate().metric(), "kind", g.gate().failUnder() ? "fail_under" : "fail_over",
                    "threshold", g.gate().threshold(), "value", g.value(), "passed", g.passed()));
        }
        rep.put("gates", gates);
        return new EvalReport(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics)), Map.copyOf(infos),
                List.copyOf(outcomes), engine, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perClass)),
                java.util.Collections.unmodifiableMap(rep));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
