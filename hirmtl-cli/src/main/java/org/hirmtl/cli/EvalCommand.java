package org.hirmtl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.eval.DatasetEvaluation;
import org.hirmtl.eval.Gate;
import org.hirmtl.eval.metrics.DeltaM;
import org.hirmtl.registry.Components;
import org.hirmtl.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hirmtl eval}: per-task metrics of a checkpoint at the dataset's resolution, Δm, and CI gates (exit 3). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates a checkpoint on a dataset split at the dataset's original resolution (predictions "
                + "resized back): every metric of its tasks, delta_m against single-task baselines, CI gates.",
                "Exit 0 ok, 2 usage/data error, 3 a gate failed (the JSON is written anyway)."})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_OR_BUNDLE",
            description = "A run folder (its best.zip, else last.zip) or a checkpoint bundle.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (default: the checkpoint's).")
    Path data;

    @Option(names = "--type", paramLabel = "TYPE", description = "Dataset layout (default: the checkpoint's; auto "
            + "with --data).")
    String type;

    @Option(names = "--split", defaultValue = "val", paramLabel = "SPLIT", description = "Split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--normals-protocol", paramLabel = "P", description = "float or png8 (default: the checkpoint's "
            + "eval.normals_protocol).")
    String normalsProtocol;

    @Option(names = "--edge-max-dist", paramLabel = "D", description = "Boundary match distance as a fraction of the "
            + "image diagonal (default: the checkpoint's eval.edge_max_dist; 0.011 NYUD, 0.0075 PASCAL).")
    Double edgeMaxDist;

    @Option(names = "--baseline", paramLabel = "FILE_OR_DIR", description = "JSON written by 'hirmtl eval --format "
            + "json' of single-task checkpoints, or a folder of them: adds delta_m.")
    Path baseline;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or markdown (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path out;

    @Option(names = "--save-predictions", paramLabel = "DIR", description = "Write every prediction at the image's "
            + "original size as DIR/<task>/<id>.npy (float32, C-order; class scores for semseg, H×W×3 for normals), "
            + "e.g. for bench/reference_metrics.py.")
    Path savePredictions;

    @Option(names = "--fail-under", paramLabel = "METRIC=VALUE", description = "Gate: exit 3 when METRIC < VALUE.")
    List<String> failUnder = new ArrayList<>();

    @Option(names = "--fail-over", paramLabel = "METRIC=VALUE", description = "Gate: exit 3 when METRIC > VALUE.")
    List<String> failOver = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!List.of("table", "json", "markdown").contains(format)) {
            throw CliException.usage("--format: unknown '" + format + "' (known: table, json, markdown)");
        }
        List<Gate> gates = new ArrayList<>();
        failUnder.forEach(g -> gates.add(Gate.parse(g, true)));
        failOver.forEach(g -> gates.add(Gate.parse(g, false)));
        Components components = Plugins.of(spec).components();
        Path bundle = CheckpointArg.bundle(checkpoint);
        Checkpoints.Loaded l = CheckpointArg.load(bundle, components);
        ExperimentConfig cfg = withProtocol(l.config());
        Dataset dataset = data != null ? components.openDataset(type == null ? "auto" : type, data, cfg.tasks())
                : new Trainer(components, org.hirmtl.train.TrainListener.NONE).openDataset(cfg);
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        l.model().tasks().forEach(t -> tasks.put(t, components.tasks().get(t)));
        List<String> ids = dataset.ids(split);
        DatasetEvaluation.Result r;
        try (Progress p = Progress.start("eval", ids.size(), "images", Verbosity.of(spec).quiet())) {
            r = new DatasetEvaluation(l.model(), tasks, cfg.tasks(), cfg.eval(), l.meta().normalisation())
                    .run(dataset, ids, cfg.train().batchSize(), p::step, savePredictions == null ? null
                            : (id, task, pred) -> save(savePredictions, id, task, pred));
        }
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        Map<String, Double> baselineMetrics = baseline == null ? Map.of() : readBaselines(baseline);
        if (baseline != null) {
            metrics.put("delta_m", deltaM(metrics, baselineMetrics, r.infos(), l.model().tasks()));
        }
        List<Gate.Outcome> outcomes = new ArrayList<>();
        gates.forEach(g -> outcomes.add(g.apply(metrics)));
        Map<String, Object> report = report(bundle, l, dataset, r, metrics, outcomes, cfg);
        if (out != null) {
            JSON.writeValue(out.toFile(), report);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (format.equals("json")) {
            o.println(JSON.writeValueAsString(report));
        } else {
            table(o, metrics, r.infos(), format.equals("markdown"));
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (Gate.Outcome g : outcomes) {
            if (!g.passed()) {
                err.println("hirmtl: gate failed: " + g.describe());
                failed = true;
            }
        }
        err.flush();
        o.flush();
        return failed ? ExitCodes.GATE : ExitCodes.OK;
    }

    private ExperimentConfig withProtocol(ExperimentConfig c) {
        if (normalsProtocol == null && edgeMaxDist == null) {
            return c;
        }
        if (normalsProtocol != null && !List.of("float", "png8").contains(normalsProtocol)) {
            throw CliException.usage("--normals-protocol: unknown '" + normalsProtocol + "' (known: float, png8)");
        }
        if (edgeMaxDist != null && !(edgeMaxDist > 0 && edgeMaxDist < 1)) {
            throw CliException.usage("--edge-max-dist: must be in (0, 1), got " + edgeMaxDist);
        }
        var e = c.eval();
        var ne = new org.hirmtl.api.config.EvalConfig(normalsProtocol == null ? e.normalsProtocol() : normalsProtocol,
                edgeMaxDist == null ? e.edgeMaxDist() : edgeMaxDist, e.everyEpoch());
        return new ExperimentConfig(c.name(), c.model(), c.tasks(), c.data(), c.train(), ne);
    }

    private static void save(Path dir, String id, String task, org.hirmtl.api.data.DenseMap prediction)
            throws IOException {
        Path f = dir.resolve(task).resolve(id + ".npy");
        Files.createDirectories(f.getParent());
        if (prediction.channels() == 1) {
            org.hirmtl.data.io.Npy.writeHw(f, prediction);
        } else {
            org.hirmtl.data.io.Npy.writeHwc(f, prediction);
        }
    }

    private static double deltaM(Map<String, Double> metrics, Map<String, Double> base, Map<String, MetricInfo> infos,
                                 List<String> tasks) {
        Map<String, Double> mt = new LinkedHashMap<>();
        Map<String, Direction> dirs = new LinkedHashMap<>();
        for (String t : tasks) {
            String key = DeltaM.primaryKey(t);
            if (!base.containsKey(key)) {
                throw CliException.usage("--baseline has no '" + key + "' (it has: " + String.join(", ", base.keySet())
                        + "); evaluate a single-task checkpoint of '" + t + "' with --format json");
            }
            mt.put(key, metrics.get(key));
            dirs.put(key, infos.get(key).direction());
        }
        return DeltaM.deltaM(mt, base, dirs);
    }

    private static Map<String, Double> readBaselines(Path p) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        } else {
            files.add(p);
        }
        Map<String, Double> all = new LinkedHashMap<>();
        for (Path f : files) {
            JsonNode m = JSON.readTree(f.toFile()).path("metrics");
            if (m.isMissingNode()) {
                throw CliException.usage("--baseline " + f + ": not a report of 'hirmtl eval --format json' (no metrics)");
            }
            m.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue().path("value").asDouble(Double.NaN)));
        }
        return all;
    }

    private static Map<String, Object> report(Path bundle, Checkpoints.Loaded l, Dataset dataset,
                                              DatasetEvaluation.Result r, Map<String, Double> metrics,
                                              List<Gate.Outcome> outcomes, ExperimentConfig cfg) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("schema", "hirmtl-eval/1");
        Map<String, Object> ck = new LinkedHashMap<>();
        ck.put("path", bundle.toAbsolutePath().toString());
        ck.put("tasks", l.model().tasks());
        ck.put("epochs", l.meta().epochsDone());
        ck.put("provenance", l.meta().provenance());
        rep.put("checkpoint", ck);
        rep.put("dataset", Map.of("type", dataset.type(), "root", dataset.root().toAbsolutePath().toString(),
                "images", r.images()));
        rep.put("protocol", Map.of("resolution", "original", "normals", cfg.eval().normalsProtocol(),
                "edge_max_dist", cfg.eval().edgeMaxDist()));
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            MetricInfo info = r.infos().get(k);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", Double.isFinite(v) ? v : null);
            e.put("direction", k.equals("delta_m") ? "higher" : info == null ? "none"
                    : info.direction().name().toLowerCase(java.util.Locale.ROOT));
            m.put(k, e);
        });
        rep.put("metrics", m);
        List<Map<String, Object>> gates = new ArrayList<>();
        for (Gate.Outcome g : outcomes) {
            gates.add(Map.of("metric", g.gate().metric(), "kind", g.gate().failUnder() ? "fail_under" : "fail_over",
                    "threshold", g.gate().threshold(), "value", g.value(), "passed", g.passed()));
        }
        rep.put("gates", gates);
        return rep;
    }

    private static void table(PrintWriter o, Map<String, Double> metrics, Map<String, MetricInfo> infos, boolean md) {
        if (md) {
            o.println("| metric | value | better |");
            o.println("|---|---|---|");
        } else {
            o.printf("%-24s %10s   %s%n", "metric", "value", "better");
        }
        metrics.forEach((k, v) -> {
            MetricInfo info = infos.get(k);
            String better = k.equals("delta_m") ? "higher" : info == null ? "" : info.direction().name().toLowerCase(
                    java.util.Locale.ROOT);
            if (md) {
                o.printf("| %s | %s | %s |%n", k, TrainProgress.fmt(v), better);
            } else {
                o.printf("%-24s %10s   %s%n", k, TrainProgress.fmt(v), better);
            }
        });
    }
}
