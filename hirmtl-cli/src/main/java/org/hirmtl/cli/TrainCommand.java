package org.hirmtl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code hirmtl train}: Trains a HirMTL model (by default on generated synthetic scenes). Not available in this build yet; exits 1 saying so. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a HirMTL model (by default on generated synthetic scenes).", "Not available in this build yet: it arrives with the model-and-training work."})
final class TrainCommand implements Callable<Integer> {
    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        throw Unavailable.command("train", "the model-and-training work");
    }
}
