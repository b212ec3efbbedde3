package org.hirmtl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hirmtl.config.ImageSize;
import org.hirmtl.eval.CheckpointEvaluation;
import org.hirmtl.eval.ConfusionPlot;
import org.hirmtl.eval.EvalProtocol;
import org.hirmtl.eval.EvalReport;
import org.hirmtl.eval.Gate;
import org.hirmtl.eval.JunitReport;
import org.hirmtl.infer.EngineChoice;
import org.hirmtl.infer.OnnxRuntimeEngine;
import org.hirmtl.model.Normalisation;
import org.hirmtl.eval.ExternalEvaluation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hirmtl eval}: per-task metrics of a checkpoint at the dataset's resolution, Δm, and CI gates (exit 3). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates a checkpoint on a dataset split at the dataset's original resolution (predictions "
                + "resized back), or scores predictions another program saved (--predictions: MTI-Net's "
                + "results/<task>/<id>.png|.mat, or .npy): every metric of the tasks, per-class figures, delta_m "
                + "against single-task baselines, CI gates.",
                "Exit 0 ok, 2 usage/data error, 3 a gate failed (the JSON is written anyway)."})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    /** What is evaluated: exactly one of these. */
    static final class Subject {
        @Option(names = "--checkpoint", required = true, paramLabel = "RUN_OR_BUNDLE",
                description = "A run folder (its best.zip, else last.zip) or a checkpoint bundle.")
        Path checkpoint;

        @Option(names = "--predictions", required = true, paramLabel = "DIR",
                description = "Saved predictions to score instead of a model: DIR/<task>/<id>.npy|.png|.mat "
                        + "(MTI-Net's folder names sal/ and human_parts/ too). Tasks and options come from -c/--set "
                        + "(default: the built-in config, label tasks taking the dataset's classes).")
        Path predictions;

        @Option(names = "--model", required = true, paramLabel = "FILE.onnx",
                description = "Any framework's ONNX model (one input [N, 3, H, W]) to evaluate on ONNX Runtime; name "
                        + "its outputs with --outputs. Tasks' options come from -c/--set as for --predictions.")
        Path model;
    }

    @Option(names = "--outputs", split = ",", paramLabel = "TASK=OUTPUT", description = "With --model: the model "
            + "output holding each task, e.g. semseg=out0,depth=out1.")
    Map<String, String> outputs;

    @Option(names = "--input-size", paramLabel = "HxW", converter = SizeConverter.class, description = "With --model: "
            + "the size images are resized to (default: the model's fixed input size).")
    ImageSize inputSize;

    @Option(names = "--input-norm", defaultValue = "imagenet", paramLabel = "NORM", description = "With --model: "
            + "imagenet ((x - mean) / std of RGB in [0, 1], as torchvision models expect) or none (default "
            + "${DEFAULT-VALUE}).")
    String inputNorm;

    @Option(names = "--outputs-are", defaultValue = "logits", paramLabel = "KIND", description = "With --model: logits "
            + "(softmax for label tasks, sigmoid for edge and saliency are applied) or activated (default "
            + "${DEFAULT-VALUE}).")
    String outputsAre;

    @Mixin
    ConfigOptions config;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK[,TASK...]", description = "With --predictions: the "
            + "tasks to score, each of which must have predictions (default: every task with a predictions folder).")
    List<String> tasks;

    @Option(names = "--resize-predictions", description = "With --predictions: resize a prediction whose size "
            + "differs from its image's (nearest for class ids, bilinear otherwise) instead of failing.")
    boolean resizePredictions;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (default: the checkpoint's).")
    Path data;

    @Option(names = "--type", paramLabel = "TYPE", description = "Dataset layout (default: the checkpoint's; auto "
            + "with --data).")
    String type;

    @Option(names = "--split", defaultValue = "val", paramLabel = "SPLIT", description = "Split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--protocol", paramLabel = "NAME", description = "Named evaluation protocol: hirmtl (normals as "
            + "floats, pooled saliency maxF, BSDS boundaries), mtinet (MTI-Net's code: normals through its truncating "
            + "8-bit PNG, its saliency maxF/mIoU as saliency.maxf[mtinet], saliency.miou[mtinet], SEISM boundaries), "
            + "atrc (ATRC's code: float normals, pooled saliency maxF, SEISM boundaries) or seism (hirmtl with the "
            + "SEISM boundary pipeline as edge.odsf[seism], edge.oisf[seism], edge.ap[seism]); all take the dataset's "
            + "standard boundary distance (NYUD 0.011, PASCAL 0.0075). Default: the config's eval section.")
    String protocol;

    @Option(names = "--normals-protocol", paramLabel = "P", description = "float, png8 (8-bit PNG round trip, "
            + "rounding) or png8_trunc (as MTI-Net saves: truncating); overrides --protocol.")
    String normalsProtocol;

    @Option(names = "--saliency-protocol", paramLabel = "P", description = "hirmtl or mtinet (adds MTI-Net's "
            + "columns); overrides --protocol.")
    String saliencyProtocol;

    @Option(names = "--edge-protocol", paramLabel = "P", description = "bsds (the BSDS core on the probabilities) or "
            + "seism (adds the published pipeline: 8-bit PNG, non-maximum suppression, SEISM's thresholds, ground "
            + "truth and scores); overrides --protocol.")
    String edgeProtocol;

    @Option(names = "--edge-max-dist", paramLabel = "D", description = "Boundary match distance as a fraction of the "
            + "image diagonal (default: the config's eval.edge_max_dist; 0.011 NYUD, 0.0075 PASCAL).")
    Double edgeMaxDist;

    @Option(names = "--baseline", paramLabel = "FILE_OR_DIR", description = "JSON written by 'hirmtl eval --format "
            + "json' of single-task checkpoints, or a folder of them: adds delta_m.")
    Path baseline;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or markdown (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the gates as JUnit XML to FILE (one "
            + "test case per gate, the metrics as properties), which CI systems display natively.")
    Path junit;

    @Option(names = "--plots", paramLabel = "DIR", description = "Also draw a confusion-matrix picture of every label "
            + "task as DIR/<task>_confusion.png (--save-predictions DIR draws them there too).")
    Path plots;

    @Option(names = "--per-class", description = "Also print per-class figures (IoU, ground-truth pixels) in the "
            + "table; markdown and JSON always have them.")
    boolean perClass;

    @Option(names = "--save-predictions", paramLabel = "DIR", description = "Write every prediction at the image's "
            + "original size as DIR/<task>/<id>.npy (float32, C-order; class scores for semseg, H×W×3 for normals), "
            + "e.g. for bench/reference_metrics.py.")
    Path savePredictions;

    @Mixin
    EngineOption engine;

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
        EvalReport report;
        List<String> notes = new ArrayList<>();
        if (subject.predictions != null || subject.model != null) {
            report = scoreExternal(gates, notes);
        } else {
            if (config.file != null || !config.overrides.isEmpty() || tasks != null || resizePredictions
                    || outputs != null || inputSize != null) {
                throw CliException.usage("-c/--set, --tasks, --resize-predictions, --outputs and --input-size apply "
                        + "to --predictions and --model; a checkpoint carries its own config");
            }
            CheckpointEvaluation evaluation = CheckpointEvaluation.prepare(Plugins.of(spec).components(),
                    subject.checkpoint, new CheckpointEvaluation.Options(data, type, split, protocol(), baseline,
                            savePredictions, gates, engine.choiceOrNull()));
            try (Progress p = Progress.start("eval", evaluation.images(), "images", Verbosity.of(spec).quiet())) {
                report = evaluation.run(p::step, notes::add);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        notes.forEach(n -> err.println("hirmtl: " + n));
        if (!Verbosity.of(spec).quiet()) {
            err.println("hirmtl: evaluated on " + report.engine().description());
        }
        err.flush();
        if (out != null) {
            JSON.writeValue(out.toFile(), report.json());
        }
        if (junit != null) {
            JunitReport.write(junit, report);
        }
        for (Path dir : new Path[] {plots, savePredictions}) {
            if (dir != null) {
                ConfusionPlot.writeAll(dir, report);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (format.equals("json")) {
            o.println(JSON.writeValueAsString(report.json()));
        } else {
            table(o, report, format.equals("markdown"));
            if (perClass || format.equals("markdown")) {
                perClassTables(o, report, format.equals("markdown"));
            }
            if (format.equals("markdown") && !report.outcomes().isEmpty()) {
                gates(o, report);
            }
        }
        for (Gate.Outcome g : report.outcomes()) {
            if (!g.passed()) {
                err.println("hirmtl: gate failed: " + g.describe());
            }
        }
        err.flush();
        o.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.GATE;
    }

    private EvalProtocol protocol() {
        return new EvalProtocol(protocol, normalsProtocol, saliencyProtocol, edgeMaxDist, edgeProtocol);
    }

    private EvalReport scoreExternal(List<Gate> gates, List<String> notes) throws IOException {
        if (savePredictions != null) {
            throw CliException.usage("--save-predictions applies to --checkpoint");
        }
        ExternalEvaluation.Source source;
        if (subject.predictions != null) {
            if (engine.choiceOrNull() != null || outputs != null || inputSize != null) {
                throw CliException.usage("--engine, --outputs and --input-size apply to a model, not to --predictions");
            }
            source = new ExternalEvaluation.Saved(subject.predictions, resizePredictions);
        } else {
            if (tasks != null || resizePredictions) {
                throw CliException.usage("--tasks and --resize-predictions apply to --predictions; with --model the "
                        + "tasks are those of --outputs");
            }
            if (outputs == null) {
                throw CliException.usage("--model needs --outputs TASK=OUTPUT,... (the model output of each task)");
            }
            if (engine.choiceOrNull() != null && engine.choiceOrNull() != EngineChoice.ONNXRUNTIME
                    && engine.choiceOrNull() != EngineChoice.AUTO) {
                throw CliException.usage("--engine: an ONNX model runs on onnxruntime");
            }
            Normalisation norm = switch (inputNorm) {
                case "imagenet" -> Normalisation.IMAGENET;
                case "none" -> null;
                default -> throw CliException.usage("--input-norm: unknown '" + inputNorm + "' (known: imagenet, "
                        + "none)");
            };
            if (!List.of("logits", "activated").contains(outputsAre)) {
                throw CliException.usage("--outputs-are: unknown '" + outputsAre + "' (known: logits, activated)");
            }
            source = new ExternalEvaluation.Onnx(subject.model, new LinkedHashMap<>(outputs),
                    inputSize == null ? null : new int[] {inputSize.height(), inputSize.width()}, norm,
                    outputsAre.equals("logits"), OnnxRuntimeEngine.Settings.defaults());
        }
        var components = Plugins.of(spec).components();
        ExternalEvaluation evaluation = ExternalEvaluation.prepare(components, config.load(components).config(),
                new ExternalEvaluation.Options(source, data, type, split, tasks, protocol(), baseline, gates,
                        config.file != null));
        try (Progress p = Progress.start("eval", evaluation.images(), "images", Verbosity.of(spec).quiet())) {
            return evaluation.run(p::step, notes::add);
        }
    }

    private static void perClassTables(PrintWriter o, EvalReport report, boolean md) {
        report.perClass().forEach((task, pc) -> {
            List<String> figures = List.copyOf(pc.figures().keySet());
            int w = Math.max(12, pc.classes().stream().mapToInt(String::length).max().orElse(0));
            o.println();
            if (md) {
                o.println("**" + task + "** per class");
                o.println();
                o.println("| class | " + String.join(" | ", figures) + " |");
                o.println("|---" + "|---:".repeat(figures.size()) + "|");
            } else {
                o.printf("%-" + w + "s", task + " class");
                figures.forEach(f -> o.printf(" %12s", f));
                o.println();
            }
            for (int c = 0; c < pc.classes().size(); c++) {
                StringBuilder row = new StringBuilder();
                for (String f : figures) {
                    double v = pc.figures().get(f)[c];
                    String cell = f.equals("support") && Double.isFinite(v) ? String.format(java.util.Locale.ROOT,
                            "%.0f", v) : TrainProgress.fmt(v);
                    row.append(md ? " | " + cell : String.format(" %12s", cell));
                }
                if (md) {
                    o.println("| " + pc.classes().get(c) + row + " |");
                } else {
                    o.printf("%-" + w + "s%s%n", pc.classes().get(c), row);
                }
            }
        });
    }

    private static void gates(PrintWriter o, EvalReport report) {
        o.println();
        o.println("| gate | value | result |");
        o.println("|---|---:|---|");
        for (Gate.Outcome g : report.outcomes()) {
            o.printf("| %s %s %s | %s | %s |%n", g.gate().metric(), g.gate().failUnder() ? "&ge;" : "&le;",
                    TrainProgress.fmt(g.gate().threshold()), TrainProgress.fmt(g.value()),
                    g.passed() ? "pass" : "**FAIL**");
        }
    }

    private static void table(PrintWriter o, EvalReport report, boolean md) {
        String row = "%-" + Math.max(24, report.metrics().keySet().stream().mapToInt(String::length).max()
                .orElse(0)) + "s %10s   %s%n"; // as wide as the longest metric name: never cut, always aligned
        if (md) {
            o.println("| metric | value | better |");
            o.println("|---|---|---|");
        } else {
            o.printf(row, "metric", "value", "better");
        }
        report.metrics().forEach((k, v) -> {
            String better = report.direction(k).equals("none") ? "" : report.direction(k);
            if (md) {
                o.printf("| %s | %s | %s |%n", k, TrainProgress.fmt(v), better);
            } else {
                o.printf(row, k, TrainProgress.fmt(v), better);
            }
        });
    }
}
