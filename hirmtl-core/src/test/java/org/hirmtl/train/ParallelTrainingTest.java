package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code train.parallel.workers}: two ParallelWrapper replicas with batches of 4 (one optimiser step = 8 images)
 * reach the quality of one replica with batches of 8 on the same scenes, steps and seed; checkpoints and mid-epoch
 * resume work with replicas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelTrainingTest {
    /** 32 scenes, semantic segmentation and depth, 4 optimiser steps per epoch, 6 epochs. */
    private static final String[] COMMON = {"data.synth.train=32", "data.synth.val=16", "train.epochs=6",
            "train.optimizer.lr=0.003", "tasks=[semseg, depth]", "tasks.semseg.options.classes=6",
            "train.checkpoint.every_minutes=0"};
    private final Components components = BuiltinComponents.registries();
    private Path tmp;
    private Path synth;
    private TrainResult single;

    @BeforeAll
    void trainOneReplica(@TempDir Path dir) throws IOException {
        tmp = dir;
        synth = tmp.resolve("synth");
        single = new Trainer(components, TrainListener.NONE).train(config("train.batch_size=8"), tmp.resolve("one"),
                false);
    }

    private ExperimentConfig config(String... extra) {
        String[] all = new String[COMMON.length + extra.length];
        System.arraycopy(COMMON, 0, all, 0, COMMON.length);
        System.arraycopy(extra, 0, all, COMMON.length, extra.length);
        return TinyRuns.config(synth, all);
    }

    @Test
    void twoAveragingReplicasReachTheQualityOfOne() throws IOException {
        TrainResult two = new Trainer(components, TrainListener.NONE).train(
                config("train.batch_size=4", "train.parallel.workers=2"), tmp.resolve("two"), false);
        assertSameQuality(two, "averaging");
        // one optimiser step per round of two batches, as with batches of 8
        assertEquals(Checkpoints.meta(tmp.resolve("one").resolve(Trainer.LAST)).iteration(),
                Checkpoints.meta(tmp.resolve("two").resolve(Trainer.LAST)).iteration());
    }

    /**
     * Each replica trains on a wrapper thread of its own; those threads get the toolkit's workspaces too (activation
     * gradients in the thread's arena) before their first backward pass, not DL4J's pool.
     */
    @Test
    void replicaThreadsKeepTheirGradientsInTheArena() throws IOException {
        java.util.List<ParallelEpoch> runners = new java.util.ArrayList<>();
        new Trainer(components, TrainListener.NONE, c -> {
            ParallelEpoch p = (ParallelEpoch) Trainer.localRunner(c);
            runners.add(p);
            return p;
        }).train(config("train.batch_size=4", "train.parallel.workers=2", "train.epochs=1"), tmp.resolve("arena"),
                false);
        assertEquals(1, runners.size());
        Map<String, org.hirmtl.engine.Workspaces.Usage> memory = runners.get(0).replicaMemory();
        System.out.println("replica threads: " + memory);
        assertEquals(2, memory.size(), "one entry per replica thread: " + memory.keySet());
        memory.forEach((thread, usage) -> {
            assertTrue(usage.arenaWorkspaces() > 0 && usage.gradientArenaBytes() > 0, thread + ": " + usage.summary());
            org.junit.jupiter.api.Assertions.assertNotEquals(Thread.currentThread().getName(), thread,
                    "replicas train off the trainer's thread");
        });
    }

    @Test
    void gradientSharingIsRefusedWithItsReason() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.hirmtl.config.ConfigException.class,
                () -> config("train.parallel.mode=shared_gradients"));
        assertTrue(e.getMessage().contains("train.parallel.mode: shared_gradients is not supported"), e.getMessage());
    }

    /**
     * Tolerances: validation loss within 15 % of the single replica's, depth RMSE within 15 %, mIoU within 0.08; the
     * single replica improves validation loss several-fold over these epochs, so a broken replica path fails them.
     */
    private void assertSameQuality(TrainResult two, String mode) {
        Map<String, Double> a = single.validation();
        Map<String, Double> b = two.validation();
        System.out.printf("1 replica: %s%n2 replicas (%s): %s%n", a, mode, b);
        assertTrue(Math.abs(b.get("loss") - a.get("loss")) <= 0.15 * a.get("loss"), mode + " loss " + b + " vs " + a);
        assertTrue(Math.abs(b.get("depth.rmse") - a.get("depth.rmse")) <= 0.15 * a.get("depth.rmse"),
                mode + " depth.rmse " + b + " vs " + a);
        assertTrue(Math.abs(b.get("semseg.miou") - a.get("semseg.miou")) <= 0.08, mode + " miou " + b + " vs " + a);
    }

    @Test
    void aRunWithReplicasResumesInTheMiddleOfAnEpoch() throws IOException {
        ExperimentConfig c = config("train.batch_size=4", "train.parallel.workers=2", "train.epochs=2",
                "train.checkpoint.every_steps=1");
        Path straight = tmp.resolve("straight");
        new Trainer(components, TrainListener.NONE).train(c, straight, false);
        Path stopped = tmp.resolve("stopped");
        try {
            new Trainer(components, new TrainListener() {
                @Override
                public void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
                    if (epoch == 2 && step == 6) { // 8 batches per epoch, 2 per step: stops after the 3rd step
                        throw new IllegalStateException("stop");
                    }
                }
            }).train(c, stopped, false);
        } catch (IllegalStateException expected) {
            assertEquals("stop", expected.getMessage());
        }
        CheckpointMeta m = Checkpoints.meta(stopped.resolve(Trainer.LAST));
        assertTrue(m.midEpoch(), "a mid-epoch checkpoint");
        assertEquals(4, m.progress().steps(), "written after the 2nd step (4 batches) of epoch 2");
        new Trainer(components, TrainListener.NONE).train(c, stopped, true);
        ConfigLoader loader = new ConfigLoader(components);
        INDArray pa = Checkpoints.read(straight.resolve(Trainer.LAST), loader, true).model().graph().params();
        INDArray pb = Checkpoints.read(stopped.resolve(Trainer.LAST), loader, true).model().graph().params();
        double diff = pa.sub(pb).amaxNumber().doubleValue();
        System.out.println("2 replicas, resumed vs straight: max |param difference| = " + diff);
        assertEquals(0.0, diff, "resumed equals uninterrupted");

        // a stop request (SIGTERM's path) between two rounds: last.zip at that round, resume equals uninterrupted
        Path requested = tmp.resolve("requested");
        TrainingStoppedException e;
        try {
            e = org.junit.jupiter.api.Assertions.assertThrows(TrainingStoppedException.class,
                    () -> new Trainer(components, new TrainListener() {
                        @Override
                        public void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
                            if (epoch == 2 && step == 4) {
                                GracefulStop.request("SIGTERM");
                            }
                        }
                    }).train(c, requested, false));
        } finally {
            GracefulStop.clear();
        }
        assertEquals("stopped by SIGTERM after epoch 2 step 4 (last.zip written); --resume continues", e.getMessage());
        CheckpointMeta r = Checkpoints.meta(requested.resolve(Trainer.LAST));
        assertEquals(4, r.progress().steps(), "written after the round that ended with batch 4 of epoch 2");
        new Trainer(components, TrainListener.NONE).train(c, requested, true);
        INDArray pr = Checkpoints.read(requested.resolve(Trainer.LAST), loader, true).model().graph().params();
        assertEquals(0.0, pa.sub(pr).amaxNumber().doubleValue(), "stopped by request and resumed equals uninterrupted");
    }
}
