package org.hirmtl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.data.synth.SynthListener;
import org.hirmtl.export.InferenceBundle;
import org.hirmtl.export.onnx.OnnxExport;
import org.hirmtl.export.onnx.OnnxExportException;
import org.hirmtl.export.onnx.OnnxExporter;
import org.hirmtl.infer.OnnxVerifier;
import org.hirmtl.predict.Inputs;
import org.hirmtl.registry.Components;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hirmtl export}: a checkpoint as an ONNX model (verified by ONNX Runtime) or a self-contained bundle. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exports a checkpoint: --format bundle writes a self-contained inference bundle (weights without "
                + "optimiser state, config, task order, normalisation, palettes, plugin list) that predict and eval "
                + "accept; --format onnx writes an ONNX model (see docs/export.md).",
                "Exit 0 ok, 1 failure (e.g. verification above tolerance), 2 usage error or a component without an "
                + "export hook."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_OR_BUNDLE",
            description = "A run folder (its best.zip, else last.zip) or a checkpoint bundle.")
    Path checkpoint;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx or bundle.")
    String format;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Option(names = "--verify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ONNX: run ONNX Runtime on random and real images and compare every output with DL4J "
                    + "(default on; --no-verify skips).")
    boolean verify;

    @Option(names = "--opset", defaultValue = "13", paramLabel = "N", description = "ONNX operator set: 13 "
            + "(default; ONNX Runtime) or 11 (OpenCV DNN and older runtimes).")
    int opset;

    @Option(names = "--tolerance", defaultValue = "1e-4", paramLabel = "ATOL",
            description = "ONNX: absolute tolerance (default ${DEFAULT-VALUE}). Every output value must satisfy "
                    + "|ONNX - DL4J| <= ATOL + RTOL * |DL4J|, else the command exits 1 (the file is kept).")
    double tolerance;

    @Option(names = "--rtol", defaultValue = "1e-3", paramLabel = "RTOL",
            description = "ONNX: relative tolerance (default ${DEFAULT-VALUE}; 0 for a purely absolute check).")
    double rtol;

    @Option(names = "--verify-images", paramLabel = "DIR_OR_FILE", description = "ONNX: real images to verify on "
            + "(default: up to 4 images of the checkpoint's dataset, val split, if it is readable).")
    Path verifyImages;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("bundle") && !format.equals("onnx")) {
            throw CliException.usage("--format: unknown '" + format + "' (known: onnx, bundle)");
        }
        Path bundle = Checkpoints.bundle(checkpoint);
        Components components = Checkpoints.componentsFor(bundle, Plugins.of(spec).components());
        Checkpoints.Loaded l = Checkpoints.readForInference(bundle, components);
        PrintWriter o = spec.commandLine().getOut();
        if (format.equals("bundle")) {
            InferenceBundle.write(l, bundle, components, out);
            if (!Verbosity.of(spec).quiet()) {
                o.println("wrote inference bundle " + out + " (tasks: " + String.join(", ", l.model().tasks())
                        + "; input " + l.model().height() + "x" + l.model().width() + ")");
            }
            o.flush();
            return ExitCodes.OK;
        }
        if (!(tolerance > 0) || !(rtol >= 0)) {
            throw CliException.usage("--tolerance must be positive and --rtol at least 0, got " + tolerance + " and "
                    + rtol);
        }
        OnnxExport export;
        try {
            if (!OnnxExporter.OPSETS.contains(opset)) {
                throw CliException.usage("--opset " + opset + ": supported " + OnnxExporter.OPSETS);
            }
            export = OnnxExporter.export(l.model(), l.meta().normalisation(), opset);
        } catch (OnnxExportException e) {
            throw CliException.usage(e.getMessage());
        }
        OnnxExporter.write(export.model(), out);
        PrintWriter err = spec.commandLine().getErr();
        if (Verbosity.of(spec).verbose() || export.warnings().size() <= 3) {
            export.warnings().forEach(w -> err.println("hirmtl: warning: " + w));
        } else {
            err.println("hirmtl: warning: " + export.warnings().size() + " export warnings (-v lists them all), e.g. "
                    + export.warnings().get(0));
        }
        if (!Verbosity.of(spec).quiet()) {
            o.printf(Locale.ROOT, "wrote %s: ONNX opset %d, %d nodes, input image [N,3,%d,%d] RGB in [0,1], outputs %s%n",
                    out, export.opset(), export.nodeCount(), l.model().height(), l.model().width(),
                    String.join(", ", export.outputs()));
        }
        if (!verify) {
            o.flush();
            err.flush();
            return ExitCodes.OK;
        }
        OnnxVerifier.Verification check;
        try (OnnxVerifier v = OnnxVerifier.open(l.model(), l.meta().normalisation(), export.model())) {
            check = v.verifyRandomAndReal(2, 1, realImages(l), 4, tolerance, rtol);
        }
        check.skipped().forEach((f, why) -> err.println("hirmtl: warning: not verifying on " + f + ": " + why));
        if (!Verbosity.of(spec).quiet() || !check.passed()) {
            o.println("verified with ONNX Runtime " + OnnxVerifier.runtimeVersion() + ", |ONNX - DL4J| <= "
                    + tolerance + " + " + rtol + " * |DL4J|:");
            o.println("  random images (2):");
            check.random().summary().lines().forEach(x -> o.println("    " + x));
            if (check.real() == null) {
                o.println("  real images: none found (give --verify-images DIR)");
            } else {
                o.println("  real images (" + check.realFiles().size() + " from " + check.realFiles().get(0).getParent()
                        + "):");
                check.real().summary().lines().forEach(x -> o.println("    " + x));
            }
        }
        o.flush();
        if (!check.passed()) {
            err.println("hirmtl: error: ONNX Runtime's outputs differ from DL4J's by more than " + tolerance + " + "
                    + rtol + " * |DL4J| (the model was written to " + out + " for inspection)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        err.flush();
        return ExitCodes.OK;
    }

    private List<Path> realImages(Checkpoints.Loaded l) throws IOException {
        List<Path> files = new ArrayList<>();
        if (verifyImages != null) {
            for (Inputs.Input in : Inputs.collect(List.of(verifyImages.toString()), Path.of(""))) {
                if (Inputs.hasImageExtension(in.file()) && files.size() < 8) {
                    files.add(in.file());
                }
            }
            if (files.isEmpty()) {
                throw CliException.usage("--verify-images: no JPEG or PNG in " + verifyImages);
            }
            return files;
        }
        try {
            Dataset ds = Plugins.of(spec).components().openDataset(l.config(), SynthListener.NONE);
            String split = ds.splits().contains("val") ? "val" : ds.splits().get(0);
            for (String id : ds.ids(split)) {
                if (files.size() >= 4) {
                    break;
                }
                files.add(ds.imageFile(id));
            }
        } catch (IOException | RuntimeException e) {
            if (!Verbosity.of(spec).quiet()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("hirmtl: note: verifying on random images only: the checkpoint's dataset cannot be read "
                        + "here (" + (e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()))
                        + "); --verify-images DIR verifies on real ones");
                err.flush();
            }
            return List.of();
        }
        return files;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
