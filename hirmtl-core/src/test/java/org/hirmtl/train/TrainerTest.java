package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {
    @TempDir
    Path tmp;

    @Test
    void trainsAllTasksWritesRunFilesAndResumesExactly() throws Exception {
        Path synth = tmp.resolve("synth");
        Components c = BuiltinComponents.registries();
        // constant learning rate: the schedule of a 1-epoch run then equals the 2-epoch run's
        ExperimentConfig two = TinyRuns.config(synth, "train.schedule.type=constant");
        ExperimentConfig one = TinyRuns.config(synth, "train.schedule.type=constant", "train.epochs=1");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");

        long t0 = System.nanoTime();
        TrainResult full = new Trainer(c, TrainListener.NONE).train(two, a, false);
        System.out.printf("tiny 2-epoch run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(2, full.epochsDone());
        for (String f : new String[] {"last.zip", "best.zip", "metrics.jsonl", "curves.png", "config.yaml"}) {
            assertTrue(Files.exists(a.resolve(f)), f);
        }
        assertEquals(2, Files.readAllLines(a.resolve("metrics.jsonl")).size());
        for (String key : new String[] {"semseg.miou", "depth.rmse", "normals.mean", "edge.odsf", "saliency.maxf"}) {
            assertTrue(Double.isFinite(full.validation().get(key)), key + " in " + full.validation());
        }
        assertTrue(full.baselines().containsKey("depth.rmse"), full.baselines().toString());

        new Trainer(c, TrainListener.NONE).train(one, b, false);
        new Trainer(c, TrainListener.NONE).train(two, b, true);
        ConfigLoader loader = new ConfigLoader(c);
        INDArray pa = Checkpoints.read(a.resolve("last.zip"), loader, true).model().graph().params();
        INDArray pb = Checkpoints.read(b.resolve("last.zip"), loader, true).model().graph().params();
        double diff = pa.sub(pb).amaxNumber().doubleValue();
        System.out.println("resume max |param difference| = " + diff);
        assertEquals(0.0, diff, "interrupted + resumed run must equal the uninterrupted one bit for bit");
        assertEquals(2, Files.readAllLines(b.resolve("metrics.jsonl")).size());
    }
}
