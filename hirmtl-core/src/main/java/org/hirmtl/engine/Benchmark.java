package org.hirmtl.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.TaskBatchAdapter;
import org.hirmtl.registry.Components;
import org.hirmtl.spi.TaskProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Measures training and inference throughput of a config's model on random inputs with plausible targets, and the
 * process's peak resident memory. Data loading is excluded: this is the engine's speed.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /**
     * The figures of one measurement.
     *
     * @param trainImagesPerSecond forward+backward+update
     * @param inferImagesPerSecond forward only, inference mode
     * @param peakRssMiB peak resident set size of the process (VmHWM), or -1 where unknown
     * @param parameters the model's parameter count
     */
    public record Result(double trainImagesPerSecond, double inferImagesPerSecond, long peakRssMiB, long parameters) {
    }

    /** Builds the config's model and times {@code steps} training steps and inference passes after a warm-up. */
    public static Result run(ExperimentConfig config, Components components, int warmup, int steps) {
        HirMtlModel model = new ModelBuilder(components).build(config, 1000);
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        config.taskNames().forEach(t -> tasks.put(t, components.tasks().get(t)));
        TaskBatchAdapter adapter = new TaskBatchAdapter(model, tasks, config.tasks(), Normalisation.IMAGENET);
        MultiDataSet mds = adapter.toMultiDataSet(randomBatch(config, tasks));
        INDArray features = mds.getFeatures(0);
        int n = (int) features.size(0);
        for (int i = 0; i < warmup; i++) {
            model.graph().fit(mds);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.graph().fit(mds);
        }
        double train = steps * n / ((System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < warmup; i++) {
            model.graph().output(false, features);
        }
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.graph().output(false, features);
        }
        double infer = steps * n / ((System.nanoTime() - t0) / 1e9);
        return new Result(train, infer, peakRssMiB(), model.graph().numParams());
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
            int c = t.targetKind() == org.hirmtl.data.TargetKind.NORMALS ? 3 : 1;
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
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    List<String> parts = List.of(line.split("\\s+"));
                    return Long.parseLong(parts.get(1)) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
