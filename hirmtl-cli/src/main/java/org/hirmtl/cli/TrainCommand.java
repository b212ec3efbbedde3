package org.hirmtl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.config.ParallelConfig;
import org.hirmtl.config.TrainConfig;
import org.hirmtl.engine.EngineInfo;
import org.hirmtl.registry.Components;
import org.hirmtl.train.GracefulStop;
import org.hirmtl.train.TrainListener;
import org.hirmtl.train.TrainResult;
import org.hirmtl.train.Trainer;
import org.hirmtl.train.TrainingStoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hirmtl train}: trains a model and ends with a metrics table next to trivial baselines. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a HirMTL model. Without -c: the built-in quick start on synthetic scenes (generated into "
                + "the cache folder on first use), evaluated on the validation split, with trivial baselines.",
                "Writes to the run folder: last.zip and best.zip checkpoints, metrics.jsonl, curves.png, config.yaml."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<date>-<time>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last.zip, exactly where it stopped "
            + "(also inside an epoch); a run stopped before its first checkpoint starts again with its config.yaml.")
    boolean resume;

    @Option(names = "--seed", paramLabel = "S", description = "Training seed (= --set train.seed=S).")
    Long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (= --set train.epochs=N; with --resume: "
            + "the new total).")
    Integer epochs;

    @Option(names = "--workers", paramLabel = "N", description = "Data-parallel model replicas, e.g. one per GPU "
            + "(= --set train.parallel.workers=N); each trains on its own batch, so a step sees N x batch_size images.")
    Integer workers;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Train only these tasks of the "
            + "config, e.g. --tasks depth (a single task gives the single-task baseline).")
    List<String> tasks;

    @Override
    public Integer call() throws Exception {
        Components components = Plugins.of(spec).components();
        ExperimentConfig cfg;
        Path runDir;
        if (resume) {
            if (out == null) {
                throw CliException.usage("--resume needs --out DIR, the run folder to continue");
            }
            if (config.file != null || !config.overrides.isEmpty() || seed != null || tasks != null
                    || workers != null) {
                throw CliException.usage("--resume continues with the run's own config; only --epochs may change it");
            }
            runDir = out;
            if (!Files.exists(out.resolve(Trainer.LAST)) && Files.isRegularFile(out.resolve(Trainer.CONFIG))) {
                // stopped before its first checkpoint: nothing to continue, so the run starts again with its config
                spec.commandLine().getOut().println("No checkpoint in " + out + " yet: starting the run from the "
                        + "beginning with its " + Trainer.CONFIG);
                cfg = withTrain(new ConfigLoader(components).load(out.resolve(Trainer.CONFIG), List.of()).config(), epochs,
                        null, null);
                resume = false;
            } else {
                cfg = new Trainer(components, TrainListener.NONE).resumeConfig(out);
                cfg = withTrain(cfg, epochs, null, null);
            }
        } else {
            cfg = config.load(components).config();
            cfg = withTasks(withTrain(cfg, epochs, seed, workers), tasks);
            runDir = out != null ? out : Path.of("runs", cfg.name() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (Files.exists(runDir.resolve(Trainer.LAST))) {
                throw CliException.usage(runDir + " already holds a run (last.zip): add --resume to continue it, or "
                        + "choose another --out");
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        EngineInfo.cudaFallbackWarning().ifPresent(w -> spec.commandLine().getErr().println("hirmtl: " + w));
        o.println("Training " + cfg.name() + " (" + String.join(", ", cfg.taskNames()) + ") into " + runDir);
        PrintWriter err = spec.commandLine().getErr();
        GracefulStop.clear();
        GracefulStop.install(line -> {
            err.println("hirmtl: " + line);
            err.flush();
        });
        TrainResult r;
        try {
            r = new Trainer(components, new TrainProgress(o, Verbosity.of(spec).quiet())).train(cfg, runDir, resume);
        } catch (TrainingStoppedException stopped) {
            o.flush();
            err.println("hirmtl: " + stopped.getMessage());
            err.flush();
            return GracefulStop.exitStatus(stopped.signal());
        }
        MetricsTable.print(o, r, components, cfg);
        o.println("Run folder: " + r.runDir() + " (best.zip from epoch " + r.bestEpoch() + ", last.zip, metrics.jsonl, "
                + "curves.png)");
        return ExitCodes.OK;
    }

    private static ExperimentConfig withTrain(ExperimentConfig c, Integer epochs, Long seed, Integer workers) {
        if (epochs == null && seed == null && workers == null) {
            return c;
        }
        if (workers != null && workers < 1) {
            throw CliException.usage("--workers must be at least 1, got " + workers);
        }
        TrainConfig t = c.train();
        TrainConfig nt = new TrainConfig(epochs == null ? t.epochs() : epochs, t.batchSize(), t.optimizer(),
                t.schedule(), t.gradClip(), seed == null ? t.seed() : seed, t.checkpoint(), t.earlyStopping(),
                t.weighting(), workers == null ? t.parallel() : new ParallelConfig(workers, t.parallel().mode()));
        return new ExperimentConfig(c.name(), c.model(), c.tasks(), c.data(), nt, c.eval(), c.inference());
    }

    private static ExperimentConfig withTasks(ExperimentConfig c, List<String> only) {
        if (only == null) {
            return c;
        }
        Map<String, TaskConfig> subset = new LinkedHashMap<>();
        for (String t : only) {
            if (!c.tasks().containsKey(t)) {
                throw CliException.usage("--tasks: '" + t + "' is not a task of the config (tasks: "
                        + String.join(", ", c.taskNames()) + ")");
            }
            subset.put(t, c.tasks().get(t));
        }
        return new ExperimentConfig(c.name(), c.model(), subset, c.data(), c.train(), c.eval(), c.inference());
    }
}
