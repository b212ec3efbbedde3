package org.hirmtl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code hirmtl export}: Exports a checkpoint to ONNX or to an inference bundle. Not available in this build yet; exits 1 saying so. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a checkpoint to ONNX or to an inference bundle.", "Not available in this build yet: it arrives with the predict-and-export work."})
final class ExportCommand implements Callable<Integer> {
    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        throw Unavailable.command("export", "the predict-and-export work");
    }
}
