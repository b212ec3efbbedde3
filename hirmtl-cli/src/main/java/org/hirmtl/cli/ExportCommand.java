package org.hirmtl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.export.InferenceBundle;
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

    @Override
    public Integer call() throws IOException {
        if (!format.equals("bundle") && !format.equals("onnx")) {
            throw CliException.usage("--format: unknown '" + format + "' (known: onnx, bundle)");
        }
        Components components = Plugins.components();
        Path bundle = CheckpointArg.bundle(checkpoint);
        Checkpoints.Loaded l = CheckpointArg.load(bundle, components);
        PrintWriter o = spec.commandLine().getOut();
        if (format.equals("bundle")) {
            InferenceBundle.write(l, bundle, components, out);
            if (!Verbosity.quiet()) {
                o.println("wrote inference bundle " + out + " (tasks: " + String.join(", ", l.model().tasks())
                        + "; input " + l.model().height() + "x" + l.model().width() + ")");
            }
            o.flush();
            return ExitCodes.OK;
        }
        throw Unavailable.command("export --format onnx", "the ONNX exporter");
    }
}
