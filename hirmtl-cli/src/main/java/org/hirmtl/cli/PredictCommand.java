package org.hirmtl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ImageSize;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.InferenceEngines;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.predict.InputSize;
import org.hirmtl.predict.Inputs;
import org.hirmtl.predict.PredictJob;
import org.hirmtl.predict.PredictionWriter;
import org.hirmtl.predict.Predictor;
import org.hirmtl.registry.Components;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hirmtl predict}: every task's prediction for image files, folders or globs, as pictures, arrays and panels. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predicts every task for images (JPEG, PNG; 8/16-bit, grey or colour) given as files, folders "
                + "(recursively) or globs, and writes per image OUT/<name>/: <task>.png pictures, raw arrays (<task>.npy "
                + "float32; <task>_ids.png class ids) and panel.png; plus OUT/predictions.json.",
                "Files that are not readable images are skipped with a warning. Exit 0 if at least one image was "
                + "predicted, 1 if none, 2 for usage errors."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_OR_BUNDLE",
            description = "A run folder (its best.zip, else last.zip), a checkpoint or an inference bundle.")
    Path checkpoint;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files, folders or globs (quote globs).")
    List<String> inputs;

    @Option(names = "--out", defaultValue = "predictions", paramLabel = "DIR",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Only these tasks (default: all the "
            + "model's).")
    List<String> tasks;

    @Option(names = "--save", defaultValue = "png,npy,panel", paramLabel = "WHAT",
            description = "Comma-separated: png (pictures), npy (raw arrays), panel (default ${DEFAULT-VALUE}).")
    String save;

    @ArgGroup(exclusive = true)
    SizeChoice size;

    static final class SizeChoice {
        @Option(names = "--size", converter = SizeConverter.class, paramLabel = "HxW", description = "Run the network "
                + "at HxW (a multiple of the backbone's largest stride); default: the size the model was trained at.")
        ImageSize fixed;

        @Option(names = "--keep-size", description = "Run at each image's own size (padded to the stride).")
        boolean keep;
    }

    @Option(names = "--batch", defaultValue = "4", paramLabel = "N", description = "Images per batch (default "
            + "${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    EngineOption engine;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw CliException.usage("--batch must be at least 1, got " + batch);
        }
        var what = PredictionWriter.Output.parse(save);
        List<Inputs.Input> files = Inputs.collect(inputs, Path.of(""));
        Path bundle = Checkpoints.bundle(checkpoint);
        Components components = Checkpoints.componentsFor(bundle, Plugins.of(spec).components());
        Checkpoints.Loaded l = Checkpoints.readForInference(bundle, components);
        Map<String, TaskProvider> providers = new LinkedHashMap<>();
        for (String t : tasks == null ? l.model().tasks() : tasks) {
            if (!l.model().tasks().contains(t)) {
                throw CliException.usage("--tasks: the model does not predict '" + t + "' (it predicts: "
                        + String.join(", ", l.model().tasks()) + ")");
            }
            providers.put(t, components.tasks().get(t));
        }
        InputSize policy = size == null ? InputSize.MODEL : size.keep ? InputSize.KEEP
                : InputSize.fixed(size.fixed.height(), size.fixed.width());
        PrintWriter err = spec.commandLine().getErr();
        try (InferenceEngine e = InferenceEngines.open(engine.choice(l.config()), l.model(), l.meta().normalisation(),
                note -> {
                    err.println("hirmtl: " + note);
                    err.flush();
                })) {
            return predict(e, l, components, bundle, providers, policy, what, files);
        }
    }

    private int predict(InferenceEngine e, Checkpoints.Loaded l, Components components, Path bundle,
                        Map<String, TaskProvider> providers, InputSize policy, Set<PredictionWriter.Output> what,
                        List<Inputs.Input> files) throws IOException {
        Predictor predictor = new Predictor(e, providers, policy, ModelBuilder.maxStride(components, l.config()),
                new InputGeometry(l.config().data().imageSize().height(), l.config().data().imageSize().width(),
                        l.model().height(), l.model().width()));
        PredictionWriter writer = new PredictionWriter(out, what, providers, l.config().tasks(), l.palettes());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("checkpoint", bundle.toString());
        header.put("tasks", List.copyOf(providers.keySet()));
        header.put("input_size", policy.mode() == InputSize.Mode.FIXED ? policy.height() + "x" + policy.width()
                : policy.mode().name().toLowerCase(Locale.ROOT));
        header.put("model_size", l.model().height() + "x" + l.model().width());
        header.put("engine", e.description());
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>();
        Map<String, List<String>> decoderNotes = new LinkedHashMap<>();
        PredictJob.Summary s;
        try (Progress p = Progress.start("predict", files.size(), "images", Verbosity.of(spec).quiet())) {
            s = new PredictJob(predictor, writer, out, header).run(files, batch, new PredictJob.Listener() {
                @Override
                public void predicted(Inputs.Input input) {
                    p.step();
                }

                @Override
                public void skipped(Inputs.Input input, String reason) {
                    warnings.add("hirmtl: warning: skipped " + input.file() + ": " + reason);
                    p.step();
                }

                @Override
                public void warned(Inputs.Input input, String warning) {
                    decoderNotes.computeIfAbsent(warning, w -> new ArrayList<>()).add(input.file().toString());
                }
            });
        }
        decoderNotes.forEach((note, noted) -> warnings.add("hirmtl: warning: " + noted.get(0)
                + (noted.size() > 1 ? " and " + (noted.size() - 1) + " more" : "") + ": used, but the decoder says: "
                + note));
        warnings.forEach(err::println);
        err.flush();
        PrintWriter o = spec.commandLine().getOut();
        if (!Verbosity.of(spec).quiet() || s.predicted() == 0) {
            o.printf(Locale.ROOT, "predicted %d image%s (%d skipped) in %.1f s, %.2f images/s -> %s%n", s.predicted(),
                    s.predicted() == 1 ? "" : "s", s.skipped().size(), s.seconds(), s.imagesPerSecond(),
                    out.resolve(PredictJob.INDEX));
            o.flush();
        }
        if (s.predicted() == 0) {
            err.println("hirmtl: error: no image could be predicted (" + s.skipped().size() + " file"
                    + (s.skipped().size() == 1 ? "" : "s") + " skipped)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
