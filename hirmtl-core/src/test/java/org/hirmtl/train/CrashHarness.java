package org.hirmtl.train;

import java.nio.file.Path;
import java.util.Arrays;
import org.hirmtl.builtin.BuiltinComponents;

/**
 * Trains a {@link TinyRuns} config in a JVM of its own, for {@link CrashResumeTest}: that JVM is started with a
 * {@link org.hirmtl.data.io.FailPoints} property and halts at that point as if killed.
 * Arguments: synthetic data folder, run folder, config overrides.
 */
final class CrashHarness {
    private CrashHarness() {
    }

    public static void main(String[] args) throws Exception {
        var config = TinyRuns.config(Path.of(args[0]), Arrays.copyOfRange(args, 2, args.length));
        new Trainer(BuiltinComponents.registries(), TrainListener.NONE).train(config, Path.of(args[1]), false);
        System.exit(0);
    }
}
