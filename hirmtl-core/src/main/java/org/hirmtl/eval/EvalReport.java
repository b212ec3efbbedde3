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
import org.hirmtl.config.ExperimentConfig;

/**
 * The outcome of evaluating a checkpoint: every metric (and Δm when baselines were given) with its direction, the
 * gates' outcomes, and the JSON report ({@link #json()}, schema {@code hirmtl-eval/1}) that CI reads and that later
 * runs read back as baselines ({@link Baselines}).
 *
 * @param metrics  {@code task.metric} → value, then {@code delta_m}
 * @param infos    each task metric's description and direction
 * @param outcomes the gates, in the order given
 * @param engine   the inference engine that ran the model
 * @param json     the report
 */
public record EvalReport(Map<String, Double> metrics, Map<String, MetricInfo> infos, List<Gate.Outcome> outcomes,
                         Engine engine, Map<String, Object> json) {
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
     * @param name        {@code onnxruntime} or {@code dl4j}
     * @param description its version and settings, e.g. {@code onnxruntime 1.28.0 (CPU, 2 intra-op threads)}
     */
    public record Engine(String name, String description) {
    }

    /** Builds the report of one evaluation. */
    static EvalReport of(Path bundle, Checkpoints.Loaded l, Dataset dataset, int images, ExperimentConfig cfg,
                         Map<String, Double> metrics, Map<String, MetricInfo> infos, List<Gate.Outcome> outcomes,
                         Engine engine) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("schema", SCHEMA);
        Map<String, Object> ck = new LinkedHashMap<>();
        ck.put("path", bundle.toAbsolutePath().toString());
        ck.put("tasks", l.model().tasks());
        ck.put("epochs", l.meta().epochsDone());
        ck.put("provenance", l.meta().provenance());
        rep.put("checkpoint", ck);
        rep.put("dataset", Map.of("type", dataset.type(), "root", dataset.root().toAbsolutePath().toString(),
                "images", images));
        rep.put("engine", Map.of("name", engine.name(), "description", engine.description()));
        rep.put("protocol", Map.of("resolution", "original", "normals", cfg.eval().normalsProtocol(),
                "edge_max_dist", cfg.eval().edgeMaxDist()));
        EvalReport partial = new EvalReport(Map.copyOf(metrics), Map.copyOf(infos), List.copyOf(outcomes), engine,
                Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", Double.isFinite(v) ? v : null);
            e.put("direction", partial.direction(k));
            m.put(k, e);
        });
        rep.put("metrics", m);
        List<Map<String, Object>> gates = new ArrayList<>();
        for (Gate.Outcome g : outcomes) {
            gates.add(Map.of("metric", g.gate().metric(), "kind", g.gate().failUnder() ? "fail_under" : "fail_over",
                    "threshold", g.gate().threshold(), "value", g.value(), "passed", g.passed()));
        }
        rep.put("gates", gates);
        return new EvalReport(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics)), Map.copyOf(infos),
                List.copyOf(outcomes), engine, java.util.Collections.unmodifiableMap(rep));
    }
}
