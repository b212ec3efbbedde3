package org.hirmtl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code hirmtl eval}: evaluates a checkpoint (per-task metrics, delta_m, CI gates). Not available in this build yet; exits 1 saying so. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluates a checkpoint: per-task metrics, delta_m, CI gates.", "Not available in this build yet: it arrives with the evaluation work."})
final class EvalCommand implements Callable<Integer> {
    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        throw Unavailable.command("eval", "the evaluation work");
    }
}
