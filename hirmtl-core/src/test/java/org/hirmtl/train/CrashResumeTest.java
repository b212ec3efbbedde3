package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.io.FailPoints;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mid-epoch checkpoints and crashes: a run killed at any moment between its writes resumes to exactly the run that
 * was never interrupted (parameters bit for bit, the same {@code metrics.jsonl} records), and the checkpoint left by
 * the crash still loads. The kills are real process deaths: a separate JVM halts at a {@link FailPoints} point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 16 images in batches of 4: 4 steps per epoch, 2 epochs; last.zip after every step inside an epoch. */
    private static final String[] RUN = {"data.synth.train=16", "train.checkpoint.every_steps=1",
            "train.checkpoint.every_minutes=0", "train.checkpoint.every_epochs=1"};
    private Path tmp;
    private final Components components = BuiltinComponents.registries();
    private Path synth;
    private ExperimentConfig config;
    private Path straight;

    @BeforeAll
    void trainWithoutInterruption(@TempDir Path dir) throws IOException {
        tmp = dir;
        synth = tmp.resolve("synth");
        config = TinyRuns.config(synth, RUN);
        straight = tmp.resolve("straight");
        new Trainer(components, TrainListener.NONE).train(config, straight, false);
        assertTrue(Files.exists(straight.resolve("epoch-001.zip")) && Files.exists(straight.resolve("epoch-002.zip")),
                "every_epochs=1 keeps a numbered copy per epoch");
    }

    @Test
    void resumesInTheMiddleOfAnEpochBitForBit() throws IOException {
        Path run = tmp.resolve("stopped");
        // stopped by an exception in epoch 2 after step 3: last.zip is the checkpoint after step 2
        TrainListener stopper = new TrainListener() {
            @Override
            public void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
                if (epoch == 2 && step == 3) {
                    throw new IllegalStateException("stop");
                }
            }
        };
        try {
            new Trainer(components, stopper).train(config, run, false);
        } catch (IllegalStateException expected) {
            assertEquals("stop", expected.getMessage());
        }
        CheckpointMeta m = Checkpoints.meta(run.resolve(Trainer.LAST));
        assertEquals(1, m.epochsDone());
        assertTrue(m.midEpoch());
        assertEquals(2, m.progress().steps());
        assertEquals(6, m.iteration());
        List<String> messages = new ArrayList<>();
        new Trainer(components, new TrainListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        }).train(config, run, true);
        assertTrue(messages.stream().anyMatch(s -> s.contains("in epoch 2 after step 2")), messages.toString());
        assertSameRun(run);
    }

    @Test
    void aStopRequestWritesLastZipAtThatStepAndResumesBitForBit() throws IOException {
        Path run = tmp.resolve("requested");
        TrainListener requester = new TrainListener() {
            @Override
            public void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
                if (epoch == 2 && step == 2) {
                    GracefulStop.request("SIGTERM");
                }
            }
        };
        TrainingStoppedException stopped;
        try {
            stopped = assertThrows(TrainingStoppedException.class,
                    () -> new Trainer(components, requester).train(config, run, false));
        } finally {
            GracefulStop.clear();
        }
        assertEquals("stopped by SIGTERM after epoch 2 step 2 (last.zip written); --resume continues",
                stopped.getMessage());
        CheckpointMeta m = Checkpoints.meta(run.resolve(Trainer.LAST));
        assertEquals(1, m.epochsDone());
        assertEquals(2, m.progress().steps());
        new Trainer(components, TrainListener.NONE).train(config, run, true);
        assertSameRun(run);
    }

    /** SIGTERM to a training JVM mid-epoch: exit 143 soon after, last.zip at the step reached, resume bit for bit. */
    @Test
    void sigtermStopsATrainingJvmAtAStepAndResumesBitForBit() throws Exception {
        Path run = tmp.resolve("sigterm");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), StopHarness.class.getName(), synth.toString(), run.toString()));
        command.addAll(List.of(RUN));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String l = out.readLine(); l != null && !l.equals("step 1 2"); l = out.readLine()) {
            lines.add(l);
        }
        p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            lines.add(l);
        }
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "stops within the step it is in");
        assertEquals(143, p.exitValue(), String.join("\n", lines));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("stopped by SIGTERM after epoch 1( step [23])? \\(last.zip written\\); --resume "
                + "continues"), String.join("\n", lines));
        assertTrue(lines.contains("SIGTERM: finishing the current step and writing last.zip (send it again to stop at "
                + "once)"), String.join("\n", lines));
        assertEquals(List.of(), listParts(run));
        new Trainer(components, TrainListener.NONE).train(config, run, true);
        assertSameRun(run);
    }

    /**
     * Each point is a moment between two writes; {@code @N} picks its N-th occurrence. last.zip is written after
     * steps 1, 2, 3 and at the end of epoch 1 (writes 1-4), then the same in epoch 2 (writes 5-8).
     */
    @ParameterizedTest
    @ValueSource(strings = {"step.checkpoint@2", "last.zip.partial@3", "last.zip.written@4", "last.zip.renamed@5",
            "epoch.logged@1", "best.zip.written@1", "epoch.best@1", "epoch.last@2"})
    void aRunKilledBetweenAnyTwoWritesResumesToTheSameRun(String point) throws Exception {
        Path run = tmp.resolve(point.replace('@', '-'));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-D" + FailPoints.PROPERTY + "=" + point, "-cp", System.getProperty("java.class.path"),
                CrashHarness.class.getName(), synth.toString(), run.toString()));
        command.addAll(List.of(RUN));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(FailPoints.HALT_STATUS, p.waitFor(), "the JVM halts at " + point + ":\n" + output);

        boolean leftTemporary = listParts(run).size() > 0;
        assertEquals(point.contains(".partial") || point.contains(".written"), leftTemporary,
                "temporary files after the kill: " + listParts(run));
        // what the crash left loads
        Checkpoints.read(run.resolve(Trainer.LAST), new ConfigLoader(components), true);

        new Trainer(components, TrainListener.NONE).train(config, run, true);
        assertEquals(List.of(), listParts(run), "temporary files are removed by the resume");
        assertSameRun(run);
    }

    private void assertSameRun(Path run) throws IOException {
        ConfigLoader loader = new ConfigLoader(components);
        INDArray expected = Checkpoints.read(straight.resolve(Trainer.LAST), loader, true).model().graph().params();
        INDArray actual = Checkpoints.read(run.resolve(Trainer.LAST), loader, true).model().graph().params();
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), "parameters equal bit for bit");
        List<JsonNode> a = records(straight);
        List<JsonNode> b = records(run);
        assertEquals(2, b.size(), "one metrics.jsonl record per epoch");
        for (int i = 0; i < a.size(); i++) {
            for (String key : new String[] {"epoch", "iteration", "lr", "train_loss", "weights", "val", "best"}) {
                assertEquals(a.get(i).get(key), b.get(i).get(key), key + " of epoch " + (i + 1));
            }
        }
        assertTrue(Files.exists(run.resolve(Trainer.BEST)) && Files.exists(run.resolve(RunLog.CURVES)));
    }

    private static List<JsonNode> records(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve(RunLog.METRICS))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    private static List<Path> listParts(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void aCutLogLineIsDroppedOnResume() throws IOException {
        Path run = tmp.resolve("cut");
        Files.createDirectories(run);
        Files.writeString(run.resolve(RunLog.METRICS), "{\"epoch\":1,\"x\":1}\n{\"epoch\":2,\"x\"");
        new RunLog(run).truncateAfter(1);
        assertEquals(List.of("{\"epoch\":1,\"x\":1}"), Files.readAllLines(run.resolve(RunLog.METRICS)));
        assertFalse(Files.readString(run.resolve(RunLog.METRICS)).contains("\"epoch\":2"));
    }
}
