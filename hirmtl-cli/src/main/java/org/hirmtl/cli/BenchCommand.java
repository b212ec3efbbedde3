package org.hirmtl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.bench.Benchmark;
import org.hirmtl.bench.BoundaryBenchmark;
import org.hirmtl.engine.EngineInfo;
import org.hirmtl.engine.OneDnn;
import org.hirmtl.engine.ProcessMemory;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.registry.Components;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hirmtl bench}: training and inference images/s and peak memory of a config's model. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures training (forward+backward+update, DL4J) and inference images/s (the chosen engine) of "
                + "the config's model on random inputs (no data loading), and the peak resident memory.",
                "Run it on an otherwise idle machine: ND4J slows down many times when other processes compete for "
                + "the cores.",
                "`hirmtl bench boundaries` measures the boundary evaluation instead."},
        subcommands = BenchCommand.Boundaries.class)
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--size", paramLabel = "HxW", converter = SizeConverter.class,
            description = "Input size (default: the config's data.image_size).")
    org.hirmtl.config.ImageSize size;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: the config's train.batch_size).")
    Integer batch;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    EngineOption engine;

    @Option(names = "--inference-only", description = "Measure inference alone: the process never trains, so its "
            + "peak resident memory is inference's.")
    boolean inferenceOnly;

    @Option(names = "--memory-trace", description = "Print the resident and peak resident memory after every step "
            + "(warm-up included), to see whether memory grows with the steps.")
    boolean memoryTrace;

    @Override
    public Integer call() {
        List<String> o = new ArrayList<>(config.overrides);
        if (size != null) {
            o.add("data.image_size=" + size);
        }
        if (batch != null) {
            o.add("train.batch_size=" + batch);
        }
        config.overrides = o;
        Components components = Plugins.of(spec).components();
        ExperimentConfig cfg = config.load(components).config();
        OneDnn.enable();
        PrintWriter out = spec.commandLine().getOut();
        Benchmark.StepListener trace = (phase, step, isWarmup, seconds) -> {
            if (memoryTrace) {
                out.printf("memory %s step %d%s: %.3f s, resident %d MiB, peak %d MiB; %s; largest: %s%n", phase,
                        step, isWarmup ? " (warm-up)" : "", seconds, ProcessMemory.residentMiB(),
                        ProcessMemory.peakResidentMiB(), Workspaces.usage().summary(),
                        String.join(", ", Workspaces.largest(3)));
                out.flush();
            }
        };
        PrintWriter err = spec.commandLine().getErr();
        Benchmark.Result r = Benchmark.run(cfg, components, new Benchmark.Options(warmup, steps, engine.choice(cfg),
                !inferenceOnly), trace, note -> {
                    err.println("hirmtl: " + note);
                    err.flush();
                });
        if (memoryTrace) {
            out.printf("largest workspaces: %s%n", String.join(", ", Workspaces.largest(8)));
            Runtime rt = Runtime.getRuntime();
            out.printf("Java heap: %d MiB used of %d MiB committed (max %d MiB)%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);
        }
        var e = EngineInfo.describe();
        out.printf("model %s (%s, fusion %s, exchange %s, stf %s, deep supervision %s), %,d parameters%n",
                cfg.name(), cfg.model().backbone().type(), cfg.model().fusion().type(), cfg.model().exchange().type(),
                cfg.model().stf().enabled() ? "on" : "off", cfg.model().stf().deepSupervision() ? "on" : "off",
                r.parameters());
        out.printf("input %s, batch %d, tasks %s, %s threads, oneDNN helpers %s, batch norm %s, convolution %s, "
                        + "allocator %s%n", cfg.data().imageSize(), cfg.train().batchSize(),
                String.join(",", cfg.taskNames()), e.get("omp.threads"), e.get("onednn.helpers"), e.get("batchnorm"),
                e.get("convolution"), ProcessMemory.allocator());
        out.printf("inference engine %s%n", r.engine());
        if (inferenceOnly) {
            out.printf("%.2f GMAC per image forward (convolutions and upsampling GEMMs): inference %.1f GFLOP/s%n",
                    r.macsPerImage() / 1e9, r.inferGflops());
            out.printf("inference %.2f images/s, peak resident memory %d MiB (inference only)%n",
                    r.inferImagesPerSecond(), r.peakRssMiB());
        } else {
            out.printf("%.2f GMAC per image forward (convolutions and upsampling GEMMs): train %.1f GFLOP/s, "
                    + "inference %.1f GFLOP/s%n", r.macsPerImage() / 1e9, r.trainGflops(), r.inferGflops());
            out.printf("train %.2f images/s, inference %.2f images/s, peak resident memory %d MiB%n",
                    r.trainImagesPerSecond(), r.inferImagesPerSecond(), r.peakRssMiB());
        }
        return ExitCodes.OK;
    }

    /** {@code hirmtl bench boundaries}: the edge metric's evaluation speed on synthetic NYUD-sized maps. */
    @Command(name = "boundaries", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Measures the boundary evaluation (odsF/oisF/AP: 99 thresholds, thinning, matching) on "
                    + "synthetic edge maps: the ground truth of random blobs, the prediction blurred with a noise "
                    + "floor. Prints the seconds, images/s and the scores (the same on every run)."})
    static final class Boundaries implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", defaultValue = "654", paramLabel = "N",
                description = "Number of images (default ${DEFAULT-VALUE}, NYUD's test split).")
        int images;

        @Option(names = "--size", defaultValue = "480x640", paramLabel = "HxW", converter = SizeConverter.class,
                description = "Image size (default ${DEFAULT-VALUE}, NYUD's).")
        org.hirmtl.config.ImageSize size;

        @Option(names = "--max-dist", defaultValue = "0.011", paramLabel = "D",
                description = "Matching tolerance as a fraction of the diagonal (default ${DEFAULT-VALUE}, NYUD's).")
        double maxDist;

        @Option(names = "--threads", paramLabel = "N",
                description = "Evaluator threads (default: one per available processor, as hirmtl eval uses).")
        Integer threads;

        @Option(names = "--seism", description = "Time the SEISM pipeline (eval's --edge-protocol seism: 8-bit "
                + "quantisation, non-maximum suppression, 101 thresholds) instead of the BSDS core.")
        boolean seism;

        @Override
        public Integer call() {
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            BoundaryBenchmark.Options o;
            try {
                o = new BoundaryBenchmark.Options(images, size.height(), size.width(), maxDist, t, 100, seism);
            } catch (IllegalArgumentException bad) {
                throw new CliException(ExitCodes.USAGE, "bench boundaries: " + bad.getMessage());
            }
            BoundaryBenchmark.Result r = BoundaryBenchmark.run(o);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("boundaries%s: %d images %dx%d, max distance %s, %d threads: %.2f s (%.2f images/s); "
                    + "generating them took %.1f s%n", seism ? " (SEISM pipeline)" : "", images, size.height(),
                    size.width(), maxDist, t, r.seconds(),
                    r.imagesPerSecond(), r.generated());
            out.printf("odsF %.6f, oisF %.6f, AP %.6f, ODS threshold %.2f%n", r.result().odsF(), r.result().oisF(),
                    r.result().ap(), r.result().odsThreshold());
            return ExitCodes.OK;
        }
    }
}
