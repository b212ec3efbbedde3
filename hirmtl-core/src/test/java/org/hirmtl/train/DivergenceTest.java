package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.io.Npy;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An infinite loss stops training with a message naming the task, and the last good checkpoint stays as it was. */
class DivergenceTest {
    @TempDir
    Path tmp;

    @Test
    void anInfiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path synth = tmp.resolve("synth");
        Path run = tmp.resolve("run");
        Components c = BuiltinComponents.registries();
        ExperimentConfig one = TinyRuns.config(synth, "train.epochs=1");
        new Trainer(c, TrainListener.NONE).train(one, run, false);
        byte[] good = Files.readAllBytes(run.resolve(Trainer.LAST));

        // depths near Float.MAX_VALUE: their L1 sum overflows float to +Infinity
        try (Stream<Path> files = Files.list(synth.resolve("depth"))) {
            for (Path f : files.toList()) {
                DenseMap d = Npy.readMap(f);
                java.util.Arrays.fill(d.data(), 3e38f);
                Npy.writeHw(f, d);
            }
        }
        ExperimentConfig two = TinyRuns.config(synth, "train.epochs=2");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(c, TrainListener.NONE).train(two, run, true));
        assertTrue(e.getMessage().contains("task 'depth'"), e.getMessage());
        assertTrue(e.getMessage().contains("at epoch 2"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(run.resolve(Trainer.LAST)), "last.zip must be untouched");
    }
}
