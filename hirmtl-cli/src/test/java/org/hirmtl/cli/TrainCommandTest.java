package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hirmtl.train.RunLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hirmtl train} end to end on a tiny synthetic set, and its one-line errors with exit 2. */
class TrainCommandTest {
    @TempDir
    static Path tmp;
    static Path synth;

    @BeforeAll
    static void data() {
        synth = tmp.resolve("synth");
        Cli r = Cli.run("-q", "data", "synth", "--out", synth.toString(), "--train", "8", "--val", "4", "--size",
                "64x64", "--classes", "6");
        assertEquals(0, r.code(), r.toString());
    }

    private static Cli train(String... extra) {
        List<String> a = new ArrayList<>(List.of("-q", "train",
                "--set", "data.root=" + synth, "--set", "data.image_size=64x64", "--set", "data.synth.size=64x64",
                "--set", "data.synth.train=8", "--set", "data.synth.val=4", "--set", "data.synth.classes=6",
                "--set", "tasks.semseg.options.classes=6", "--set", "model.backbone.widths=[8,8,16,16]",
                "--set", "model.stf.channels=8", "--set", "model.head.channels=8", "--set", "train.batch_size=4"));
        a.addAll(Arrays.asList(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void trainsAndPrintsTheMetricsTableWithBaselines() {
        Path run = tmp.resolve("run");
        Cli r = train("--epochs", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("task       metric"), r.out());
        assertTrue(r.out().contains("majority class"), r.out());
        assertTrue(r.out().contains("mean training depth"), r.out());
        assertTrue(Files.exists(run.resolve("best.zip")));
        Cli again = train("--epochs", "1", "--out", run.toString());
        assertEquals(ExitCodes.USAGE, again.code(), again.toString());
        assertTrue(again.err().contains("--resume"), again.err());
        Cli resumed = Cli.run("-q", "train", "--resume", "--out", run.toString(), "--epochs", "2");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("Validation (val split, 2 epochs)"), resumed.out());
    }

    @Test
    void aSecondTrainingOnAFolderInUseIsOneLineAndExitTwo() throws Exception {
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Path resumable = tmp.resolve("resumable");
        assertEquals(0, train("--epochs", "1", "--out", resumable.toString()).code());
        try (RunLock first = RunLock.acquire(busy); RunLock second = RunLock.acquire(resumable)) {
            Cli fresh = train("--epochs", "1", "--out", busy.toString());
            Cli resumed = Cli.run("-q", "train", "--resume", "--out", resumable.toString(), "--epochs", "2");
            for (Cli r : List.of(fresh, resumed)) {
                assertEquals(ExitCodes.USAGE, r.code(), r.toString());
                assertTrue(r.err().startsWith("hirmtl: error: ") && r.err().contains(" is in use by another training "
                        + "(pid " + ProcessHandle.current().pid() + " on host "), r.err());
                assertEquals(1, r.errLines(), r.toString());
            }
        }
        assertTrue(!Files.exists(busy.resolve("last.zip")), "nothing was written");
        assertEquals(0, Cli.run("-q", "train", "--resume", "--out", resumable.toString(), "--epochs", "2").code(),
                "the lock is released with its holder");
    }

    @Test
    void aBadTargetStopsTrainingWithTheDataCheckLineAndExitTwo() throws Exception {
        Path bad = tmp.resolve("bad-data");
        assertEquals(0, Cli.run("-q", "data", "synth", "--out", bad.toString(), "--train", "4", "--val", "2",
                "--size", "64x64", "--classes", "6").code());
        Path depth;
        try (var files = Files.list(bad.resolve("depth"))) {
            depth = files.sorted().findFirst().orElseThrow();
        }
        var map = org.hirmtl.data.io.Npy.readMap(depth);
        map.data()[660] = Float.NaN;
        org.hirmtl.data.io.Npy.writeHw(depth, map);
        Cli check = Cli.run("-q", "data", "check", bad.toString());
        assertEquals(ExitCodes.USAGE, check.code(), check.toString());
        assertTrue((check.out() + check.err()).contains("depth NaN at pixel 660 is not a finite value >= 0"),
                check.toString());
        Path run = tmp.resolve("bad-run");
        Cli r = Cli.run("-q", "train", "--epochs", "1", "--out", run.toString(), "--set", "data.root=" + bad,
                "--set", "data.type=nyud_mt", "--set", "data.image_size=64x64", "--set", "tasks=[semseg, depth]",
                "--set", "tasks.semseg.options.classes=6", "--set", "model.backbone.widths=[8,8,16,16]",
                "--set", "model.stf.channels=8", "--set", "model.head.channels=8", "--set", "train.batch_size=2");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals("hirmtl: error: " + depth + ": depth: depth NaN at pixel 660 is not a finite value >= 0",
                r.err().strip(), r.toString());
        assertTrue(!Files.exists(run.resolve("last.zip")), "no checkpoint of a model trained on it");
    }

    @Test
    void resumingARunStoppedBeforeItsFirstCheckpointStartsItAgain() throws Exception {
        Path run = tmp.resolve("first");
        assertEquals(0, train("--epochs", "1", "--out", run.toString()).code());
        Path early = tmp.resolve("early"); // what a kill during the first minutes leaves: the config, no checkpoint
        Files.createDirectories(early);
        Files.copy(run.resolve("config.yaml"), early.resolve("config.yaml"));
        Files.writeString(early.resolve("last.zip123.part"), "cut short");
        Cli r = Cli.run("-q", "train", "--resume", "--out", early.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("No checkpoint in " + early + " yet: starting the run from the beginning with "
                + "its config.yaml"), r.out());
        assertTrue(Files.exists(early.resolve("last.zip")));
        assertTrue(!Files.exists(early.resolve("last.zip123.part")));
        Cli none = Cli.run("-q", "train", "--resume", "--out", tmp.resolve("nothing").toString());
        assertEquals(ExitCodes.USAGE, none.code(), none.toString());
        assertEquals(1, none.errLines(), none.toString());
    }

    @Test
    void workersTrainDataParallelReplicas() throws Exception {
        Path run = tmp.resolve("workers");
        Cli r = train("--epochs", "1", "--workers", "2", "--set", "train.batch_size=2", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("workers: 2"));
        Cli bad = train("--workers", "0");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertEquals(1, bad.errLines(), bad.toString());
    }

    @Test
    void aSingleTaskRunTrainsOnlyThatTask() {
        Cli r = train("--epochs", "1", "--tasks", "depth", "--out", tmp.resolve("depth").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("depth      rmse"), r.out());
        assertTrue(!r.out().contains("semseg"), r.out());
    }

    @Test
    void anUnknownTaskOrBackboneIsOneLineAndExitTwo() throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "tasks:\n  depth: 1\n  segsem: 1\n");
        Cli r = Cli.run("train", "-c", cfg.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("tasks.segsem: unknown task 'segsem'"), r.err());
        Cli b = train("--set", "model.backbone.type=resnet50");
        assertEquals(ExitCodes.USAGE, b.code(), b.toString());
        assertTrue(b.err().contains("model.backbone.type: unknown 'resnet50'"), b.err());
    }

    @Test
    void aDatasetLackingATasksTargetsIsOneLineAndExitTwo() throws Exception {
        Path lacking = tmp.resolve("lacking");
        assertEquals(0, Cli.run("-q", "data", "synth", "--out", lacking.toString(), "--train", "4", "--val", "2",
                "--size", "64x64", "--classes", "6").code());
        try (var s = Files.walk(lacking.resolve("saliency"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Cli r = train("--set", "data.type=nyud_mt", "--set", "data.root=" + lacking);
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("has no 'saliency' targets"), r.err());
    }

    @Test
    void anImageSizeNotDivisibleByTheStrideIsPadded() {
        Path run = tmp.resolve("padded");
        Cli r = train("--set", "data.image_size=48x60", "--epochs", "1", "--out", run.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        var meta = org.hirmtl.checkpoint.Checkpoints.meta(run.resolve("last.zip"));
        assertEquals(List.of(64, 64), List.of(meta.height(), meta.width()), "48x60 padded to the stride 32");
        Cli v = Cli.run("config", "validate", tmp.resolve("padded/config.yaml").toString());
        assertTrue(v.out().contains("resized to 48x60 and padded to the network input 64x64"), v.toString());
    }
}
