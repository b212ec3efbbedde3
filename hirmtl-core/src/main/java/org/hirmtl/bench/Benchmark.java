package org.hirmtl.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.engine.MemoryGuard;
import org.hirmtl.engine.ProcessMemory;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.infer.EngineChoice;
import org.hirmtl.infer.ImageBatch;
import org.hirmtl.infer.InferenceEngine;
import org.hirmtl.infer.InferenceEngines;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.TaskBatchAdapter;
import org.hirmtl.registry.Components;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Measures training and inference throughput of a config's model on random inputs with plausible targets, and the
 * process's peak resident memory. Data loading is excluded: this is the engine's speed. Training runs on DL4J;
 * inference on the chosen {@link InferenceEngine} (ONNX Runtime by default), through the interface evaluation and
 * prediction use.
 */
public final class Benchmark {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Benchmark.class);

    private Benchmark() {
    }

    /**
     * The figures of one measurement.
     *
     * @param trainImagesPerSecond forward+backward+update (NaN when training was not measured)
     * @param inferImagesPerSecond forward only, inference mode, outputs copied out
     * @param peakRssMiB peak resident set size of the process (VmHWM), or -1 where unknown
     * @param parameters the model's parameter count
     * @param macsPerImage multiply-adds of one forward pass per image ({@link MacCount})
     * @param engine the inference engine's description
     */
    public record Result(double trainImagesPerSecond, double inferImagesPerSecond, long peakRssMiB, long parameters,
                         long macsPerImage, String engine) {
        /** Training arithmetic rate: 2 FLOPs per multiply-add, a step ≈ 3 forward passes. */
        public double trainGflops() {
            return 6.0 * macsPerImage * trainImagesPerSecond / 1e9;
        }

        /** Inference arithmetic rate: 2 FLOPs per multiply-add. */
        public double inferGflops() {
            return 2.0 * macsPerImage * inferImagesPerSecond / 1e9;
        }
    }

    /** Receives one call per warm-up or timed step, e.g. to log the resident memory as it grows. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * @param phase   {@code "train"} or {@code "infer"}
         * @param step    1-based step number within the phase, warm-up steps included
         * @param warmup  whether this step is a warm-up step (not timed)
         * @param seconds the step's wall time
         */
        void step(String phase, int step, boolean warmup, double seconds);
    }

    /**
     * What to measure.
     *
     * @param warmup untimed steps before each phase
     * @param steps timed training steps and inference passes
     * @param engine the inference engine
     * @param train whether to measure training (else the process only ever infers: its peak memory is inference's)
     */
    public record Options(int warmup, int steps, EngineChoice engine, boolean train) {
        /** Requires at least one timed step and no negative warm-up. */
        public Options {
            if (steps < 1 || warmup < 0) {
                throw new IllegalArgumentException("--steps must be >= 1 and --warmup >= 0, got " + steps + " and "
                        + warmup);
            }
        }
    }

    /**
     * Builds the config's model and times training steps (DL4J) and inference passes (the chosen engine) after a
     * warm-up, telling {@code listener} about every step (the listener's own time is excluded from the figures).
     *
     * @param notes receives one-line notes (e.g. an engine fallback)
     */
    public static Result run(ExperimentConfig config, Components components, Options options, StepListener listener,
                             Consumer<String> notes) {
        HirMtlModel model = new ModelBuilder(components).build(config);
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        config.taskNames().forEach(t -> tasks.put(t, components.tasks().get(t)));
        Batch batch = randomBatch(config, tasks);
        double train = Double.NaN;
        if (options.train()) {
            TaskBatchAdapter adapter = new TaskBatchAdapter(model, tasks, config.tasks(), Normalisation.IMAGENET);
            MultiDataSet mds = adapter.toMultiDataSet(batch);
            Workspaces.sizeFromFirstPass(model.graph().getVertices().length);
            MemoryGuard.limitBytes(); // a malformed -Dhirmtl.maxResident stops here, not silently in a layer
            train = options.steps() * batch.size() / timed("train", options.warmup(), options.steps(), listener,
                    () -> {
                        MemoryGuard.check();
                        model.graph().fit(mds);
                    });
            LOG.debug("after training, largest workspaces: {}; {}", Workspaces.largest(8),
                    Workspaces.usage().summary());
            Workspaces.release(); // as the trainer does before validating: inference's peak is not added to training's
        }
        ImageBatch images = ImageBatch.of(batch.images(), batch.size(), batch.height(), batch.width());
        double infer;
        String engineDescription;
        try (InferenceEngine engine = InferenceEngines.open(options.engine(), model, Normalisation.IMAGENET, notes)) {
            engineDescription = engine.description();
            infer = options.steps() * batch.size() / timed("infer", options.warmup(), options.steps(), listener,
                    () -> engine.run(images));
        }
        long macs = MacCount.forwardPerImage(model.graph().getConfiguration(), config.data().imageSize().height(),
                config.data().imageSize().width());
        return new Result(train, infer, peakRssMiB(), model.graph().numParams(), macs, engineDescription);
    }

    /** Runs {@code warmup + steps} steps and returns the seconds spent in the timed ones. */
    private static double timed(String phase, int warmup, int steps, StepListener listener, Runnable step) {
        double total = 0;
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (i >= warmup) {
                total += seconds;
            }
            listener.step(phase, i + 1, i < warmup, seconds);
        }
        return total;
    }

    private static Batch randomBatch(ExperimentConfig config, Map<String, TaskProvider> tasks) {
        int n = config.train().batchSize();
        int h = config.data().imageSize().height();
        int w = config.data().imageSize().width();
        int plane = h * w;
        Random r = new Random(1);
        float[] images = new float[n * 3 * plane];
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
        }
        Map<String, float[]> targets = new LinkedHashMap<>();
        Map<String, Integer> channels = new LinkedHashMap<>();
        tasks.forEach((name, t) -> {
            int c = t.targetKind() == org.hirmtl.api.data.TargetKind.NORMALS ? 3 : 1;
            float[] v = new float[n * c * plane];
            int classes = t.outputChannels(config.tasks().get(name));
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (t.targetKind()) {
                    case LABELS -> r.nextInt(classes);
                    case DEPTH -> 0.5f + 5 * r.nextFloat();
                    case NORMALS -> i / plane % 3 == 2 ? 1f : 0f;
                    case BINARY -> r.nextFloat() < 0.1f ? 1f : 0f;
                };
            }
            targets.put(name, v);
            channels.put(name, c);
        });
        return new Batch(java.util.Collections.nCopies(n, "random"), h, w, images, targets, channels);
    }

    /** Peak resident memory of this process in MiB (Linux {@code VmHWM}), or -1. */
    public static long peakRssMiB() {
        return ProcessMemory.peakResidentMiB();
    }
}
