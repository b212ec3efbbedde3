package org.hirmtl.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.registry.Components;
import org.hirmtl.train.EpochSummary;
import org.hirmtl.train.GracefulStop;
import org.hirmtl.train.TrainListener;
import org.hirmtl.train.TrainResult;
import org.hirmtl.train.Trainer;
import org.hirmtl.train.TrainingStoppedException;

/**
 * {@code spark-submit --class org.hirmtl.spark.SparkTrain hirmtl-spark.jar -c CONFIG --out RUN_DIR [--set K=V]...
 * [--resume]}: trains a HirMTL config on the cluster Spark gives ({@link SparkStepRunner}: one batch per executor
 * task per step, parameter averaging) and writes the same run folder and checkpoints as {@code hirmtl train}, which
 * {@code hirmtl eval/predict/export} take unchanged. The driver reads the dataset and sends the batches to the
 * executors: {@code data.root} is a folder on the driver or a Hadoop URI ({@code hdfs://}, {@code s3a://},
 * {@code file://}, ...), which is first copied into the run folder ({@link DatasetStaging}).
 */
public final class SparkTrain {
    /** Exit status of a usage, config or checkpoint error (one line); other failures exit with 1. */
    public static final int USAGE = 2;

    private SparkTrain() {
    }

    /** Parses the arguments, trains, exits. */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, new SparkConf());
        } catch (IllegalArgumentException | org.hirmtl.config.ConfigException
                 | org.hirmtl.checkpoint.CheckpointException e) {
            System.err.println("hirmtl-spark: error: " + e.getMessage());
            code = USAGE;
        } catch (RuntimeException e) {
            System.err.println("hirmtl-spark: error: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /**
     * Trains with {@code args} on the Spark context made from {@code conf} (its master from spark-submit, or set by
     * the caller, e.g. {@code local[2]} in tests).
     *
     * @return 0 when training finished; 143 (130) when SIGTERM (SIGINT) stopped it after a step, with
     *         {@code last.zip} written at that step ({@code --resume} continues)
     * @throws IllegalArgumentException for bad arguments or configs (one line)
     */
    public static int run(String[] args, SparkConf conf) {
        Path config = null;
        Path out = null;
        boolean resume = false;
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--config" -> config = Path.of(value(args, ++i, "-c"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--set" -> sets.add(value(args, ++i, "--set"));
                case "--resume" -> resume = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "' (usage: -c CONFIG "
                        + "--out RUN_DIR [--set KEY=VALUE]... [--resume])");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out RUN_DIR is required");
        }
        Components components = BuiltinComponents.registries();
        ExperimentConfig cfg;
        if (resume) {
            if (config != null || !sets.isEmpty()) {
                throw new IllegalArgumentException("--resume continues with the run's own config");
            }
            cfg = Checkpoints.config(out.resolve(Trainer.LAST), new ConfigLoader(components));
        } else {
            if (config == null) {
                throw new IllegalArgumentException("-c CONFIG is required");
            }
            if (Files.exists(out.resolve(Trainer.LAST))) {
                throw new IllegalArgumentException(out + " already holds a run (last.zip): add --resume");
            }
            cfg = new ConfigLoader(components).load(config, sets).config();
        }
        conf.setAppName("hirmtl " + cfg.name());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            if (!resume && DatasetStaging.isUri(cfg.data().root())) {
                System.out.println("Copying the dataset " + cfg.data().root() + " to " + out.resolve(
                        DatasetStaging.FOLDER) + " (the driver reads it) ...");
                Path local = DatasetStaging.stage(cfg.data().root(), out, sc.hadoopConfiguration());
                List<String> withLocal = new ArrayList<>(sets);
                withLocal.add("data.root=" + local);
                cfg = new ConfigLoader(components).load(config, withLocal).config();
            }
            System.out.println("Training " + cfg.name() + " (" + String.join(", ", cfg.taskNames()) + ") on Spark "
                    + sc.master() + " with " + cfg.train().parallel().workers() + " batches per step into " + out);
            GracefulStop.clear();
            GracefulStop.install(line -> System.err.println("hirmtl-spark: " + line));
            TrainResult r;
            try {
                r = new Trainer(components, new Progress(), c -> new SparkStepRunner(sc, c)).train(cfg, out, resume);
            } catch (TrainingStoppedException stopped) {
                System.err.println("hirmtl-spark: " + stopped.getMessage());
                return GracefulStop.exitStatus(stopped.signal());
            }
            System.out.println("Validation after " + r.epochsDone() + " epochs: " + r.validation());
            System.out.println("Run folder: " + r.runDir() + " (best.zip from epoch " + r.bestEpoch() + ", last.zip)");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** One line per epoch on standard output. */
    private static final class Progress implements TrainListener {
        @Override
        public void message(String line) {
            System.out.println(line);
        }

        @Override
        public void epochEnd(EpochSummary s) {
            System.out.printf("epoch %d: train loss %s, val %s, %.1f s (%.1f img/s)%n", s.epoch(), s.trainLoss(),
                    s.validation(), s.seconds(), s.imagesPerSecond());
        }
    }
}
