package org.hirmtl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.cli.Main;
import org.hirmtl.train.GracefulStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Spark path in {@code local[2]}: a config → {@link SparkTrain} (two batches per step, one per Spark task,
 * parameter averaging) → the run folder's checkpoints → {@code hirmtl eval} of them, unchanged.
 */
class SparkTrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void trainsOnLocalSparkAndHirmtlEvalReadsTheCheckpoint() throws Exception {
        // the dataset is given as a Hadoop URI (file:// here; hdfs:// or s3a:// on a cluster) and staged by the driver
        Path synth = tmp.resolve("synth");
        assertEquals(0, Main.run(new String[] {"-q", "data", "synth", "--out", synth.toString(), "--train", "16",
                "--val", "8", "--size", "64x64", "--classes", "6"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
        Path config = tmp.resolve("tiny.yaml");
        Files.writeString(config, String.join("\n",
                "name: spark-tiny",
                "tasks: [semseg, depth]",
                "data:",
                "  root: " + synth.toUri(),
                "  image_size: 64x64",
                "  synth: {size: 64x64, train: 16, val: 8, classes: 6}",
                "model:",
                "  backbone: {widths: [8, 8, 16, 16]}",
                "  stf: {channels: 8}",
                "  head: {channels: 8}",
                "train:",
                "  epochs: 2",
                "  batch_size: 4",
                "  optimizer: {lr: 0.003}",
                "  checkpoint: {every_steps: 1, every_minutes: 0}",
                "  parallel: {workers: 2}",
                ""));
        Path run = tmp.resolve("run");
        SparkConf conf = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        long t0 = System.nanoTime();
        assertEquals(0, SparkTrain.run(new String[] {"-c", config.toString(), "--out", run.toString(),
                "--set", "tasks.semseg.options.classes=6"}, conf));
        System.out.printf("Spark local[2], 2 epochs: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        assertTrue(Files.isRegularFile(run.resolve("dataset/synth.json")), "staged into the run folder");
        CheckpointMeta meta = Checkpoints.meta(run.resolve("last.zip"));
        assertEquals(2, meta.epochsDone());
        assertEquals(4, meta.iteration(), "16 images / (2 x 4) per step = 2 steps per epoch");
        List<String> log = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, log.size());
        JsonNode first = JSON.readTree(log.get(0));
        JsonNode last = JSON.readTree(log.get(1));
        System.out.println("Spark epochs: " + log);
        assertTrue(last.path("train_loss").path("depth").asDouble() < first.path("train_loss").path("depth").asDouble()
                || last.path("val").path("loss").asDouble() < first.path("val").path("loss").asDouble(),
                "training reduces a loss: " + log);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"-q", "eval", "--checkpoint", run.toString(), "--format", "json"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        JsonNode report = JSON.readTree(out.toString());
        assertTrue(report.toString().contains("semseg.miou") || report.path("metrics").has("semseg"), out.toString());

        // SIGTERM's path on the driver: a stop request once the first checkpoint exists ends the run after a step
        // with exit 143 and last.zip at that step; --resume finishes it
        Path stopped = tmp.resolve("stopped");
        Thread requester = new Thread(() -> {
            try {
                while (!Files.exists(stopped.resolve("last.zip"))) {
                    Thread.sleep(20);
                }
                GracefulStop.request("SIGTERM");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        requester.setDaemon(true);
        requester.start();
        int stopCode;
        try {
            stopCode = SparkTrain.run(new String[] {"-c", config.toString(), "--out", stopped.toString(),
                    "--set", "tasks.semseg.options.classes=6"}, conf);
        } finally {
            requester.interrupt();
            GracefulStop.clear();
        }
        assertEquals(143, stopCode);
        CheckpointMeta at = Checkpoints.meta(stopped.resolve("last.zip"));
        assertTrue(at.iteration() < 4, "stopped before the end: " + at.iteration() + " steps");
        assertEquals(0, SparkTrain.run(new String[] {"--out", stopped.toString(), "--resume"}, conf));
        CheckpointMeta end = Checkpoints.meta(stopped.resolve("last.zip"));
        assertEquals(2, end.epochsDone());
        assertEquals(4, end.iteration());
    }
}
