package org.hirmtl.train;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Stop requests from the schedulers' signals (SIGTERM from SLURM, Kubernetes, {@code docker stop}, systemd; SIGINT
 * from Ctrl-C): the trainer finishes the step it is in, writes {@code last.zip} (atomically, as always) and stops with
 * a {@link TrainingStoppedException}, so that {@code --resume} continues exactly there. A second signal halts the
 * process at once (exit 128 + the signal's number).
 */
public final class GracefulStop {
    private static volatile String requested;

    private GracefulStop() {
    }

    /**
     * Handles SIGTERM and SIGINT this way for the rest of the process (a signal this platform does not offer is
     * skipped).
     *
     * @param say receives one line when the first signal arrives (from the signal's thread)
     */
    public static void install(Consumer<String> say) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (requested != null) {
                        Runtime.getRuntime().halt(128 + s.getNumber());
                    }
                    requested = "SIG" + s.getName();
                    say.accept("SIG" + s.getName() + ": finishing the current step and writing last.zip (send it "
                            + "again to stop at once)");
                });
            } catch (IllegalArgumentException e) {
                // the signal is not available to handle here (e.g. reserved by the JVM with -Xrs)
            }
        }
    }

    /** The signal that asked training to stop ({@code SIGTERM}, {@code SIGINT}), if one did. */
    public static Optional<String> requested() {
        return Optional.ofNullable(requested);
    }

    /** Asks training to stop as {@code signal} would (tests, or an embedding program's own stop button). */
    public static void request(String signal) {
        requested = signal;
    }

    /** Forgets a request (e.g. before the next training in the same process). */
    public static void clear() {
        requested = null;
    }

    /** The exit status of a process stopped by {@code signal}: 130 for SIGINT, 143 for SIGTERM (128 + number). */
    public static int exitStatus(String signal) {
        return "SIGINT".equals(signal) ? 130 : 143;
    }
}
