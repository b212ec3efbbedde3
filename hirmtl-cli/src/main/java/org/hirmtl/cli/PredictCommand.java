package org.hirmtl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code hirmtl predict}: Predicts every task for images, folders or globs; writes pictures and arrays. Not available in this build yet; exits 1 saying so. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts every task for images, folders or globs; writes pictures and arrays.", "Not available in this build yet: it arrives with the predict-and-export work."})
final class PredictCommand implements Callable<Integer> {
    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        throw Unavailable.command("predict", "the predict-and-export work");
    }
}
