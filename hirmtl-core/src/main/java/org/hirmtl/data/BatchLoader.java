package org.hirmtl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.transform.Augmentation;

/**
 * Decodes, augments and batches examples on background threads, keeping {@code prefetch} batches in flight so
 * loading overlaps training. The order of examples and every random choice depend only on the seed, the epoch and
 * the position, never on thread timing: the same seed gives the same batches.
 */
public final class BatchLoader implements AutoCloseable {
    private final Dataset dataset;
    private final List<String> ids;
    private final Set<String> tasks;
    private final Function<String, TargetKind> kinds;
    private final Augmentation augmentation;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final int prefetch;
    private final ExecutorService pool;

    /**
     * @param dataset where to read examples
     * @param ids the examples to iterate (a split)
     * @param tasks the tasks whose targets to load
     * @param augmentation the per-example transform (size and augmentation)
     * @param batchSize examples per batch
     * @param shuffle shuffle every epoch (seeded by seed and epoch)
     * @param dropLast drop a last incomplete batch
     * @param seed the seed of shuffling and augmentation
     * @param workers background decoding threads
     * @param prefetch batches decoded ahead
     */
    public BatchLoader(Dataset dataset, List<String> ids, Set<String> tasks, Augmentation augmentation,
                       int batchSize, boolean shuffle, boolean dropLast, long seed, int workers, int prefetch) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no examples to load");
        }
        this.dataset = dataset;
        this.ids = List.copyOf(ids);
        this.tasks = Set.copyOf(tasks);
        this.kinds = augmentation.kinds();
        this.augmentation = augmentation;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast && ids.size() >= batchSize;
        this.seed = seed;
        this.prefetch = Math.max(1, prefetch);
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "hirmtl-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return dropLast ? ids.size() / batchSize : (ids.size() + batchSize - 1) / batchSize;
    }

    /** Examples per epoch (after dropping an incomplete last batch). */
    public int examplesPerEpoch() {
        return dropLast ? batchesPerEpoch() * batchSize : ids.size();
    }

    /** The examples of {@code epoch} in order (shuffled by seed and epoch when shuffling). */
    public List<String> order(int epoch) {
        List<String> order = new ArrayList<>(ids);
        if (shuffle) {
            Collections.shuffle(order, new Random(mix(seed, epoch, -1)));
        }
        return order;
    }

    /**
     * Iterates the batches of {@code epoch}, starting at batch {@code firstBatch} (to resume mid-epoch).
     * A decoding failure surfaces from {@code next()} as an {@link UncheckedIOException} naming the file.
     */
    public Iterator<Batch> epoch(int epoch, int firstBatch) {
        List<String> order = order(epoch);
        int total = batchesPerEpoch();
        return new Iterator<>() {
            private final Deque<Future<Batch>> inFlight = new ArrayDeque<>();
            private int submitted = firstBatch;
            private int returned = firstBatch;

            private void fill() {
                while (submitted < total && inFlight.size() < prefetch) {
                    int b = submitted++;
                    inFlight.add(pool.submit(() -> build(order, epoch, b)));
                }
            }

            @Override
            public boolean hasNext() {
                return returned < total;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                fill();
                Future<Batch> f = inFlight.poll();
                returned++;
                fill();
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading", e);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof UncheckedIOException u) {
                        throw u;
                    }
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(c);
                }
            }
        };
    }

    private Batch build(List<String> order, int epoch, int b) {
        int from = b * batchSize;
        int to = Math.min(from + batchSize, order.size());
        List<Sample> samples = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            String id = order.get(i);
            try {
                Sample s = dataset.load(id, tasks);
                samples.add(augmentation.apply(s, new SplittableRandom(mix(seed, epoch, i))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return assemble(samples);
    }

    private Batch assemble(List<Sample> samples) {
        int h = augmentation.height();
        int w = augmentation.width();
        int n = samples.size();
        int plane = h * w;
        float[] images = new float[n * 3 * plane];
        Map<String, Integer> channels = new LinkedHashMap<>();
        for (String task : tasks) {
            for (Sample s : samples) {
                DenseMap t = s.target(task);
                if (t != null) {
                    channels.put(task, t.channels());
                    break;
                }
            }
            if (!channels.containsKey(task)) { // no image of this batch has it (e.g. PASCAL-Part): all ignored
                channels.put(task, kinds.apply(task) == TargetKind.NORMALS ? 3 : 1);
            }
        }
        Map<String, float[]> targets = new LinkedHashMap<>();
        channels.forEach((task, c) -> targets.put(task, new float[n * c * plane]));
        List<String> batchIds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            batchIds.add(s.id());
            System.arraycopy(s.image().data(), 0, images, i * 3 * plane, 3 * plane);
            for (Map.Entry<String, float[]> e : targets.entrySet()) {
                int c = channels.get(e.getKey());
                DenseMap t = s.target(e.getKey());
                if (t == null) {
                    Arrays.fill(e.getValue(), i * c * plane, (i + 1) * c * plane, kinds.apply(e.getKey()).padValue());
                } else {
                    System.arraycopy(t.data(), 0, e.getValue(), i * c * plane, c * plane);
                }
            }
        }
        return new Batch(batchIds, h, w, images, targets, channels);
    }

    /** A 64-bit mix of (seed, epoch, index) for per-example random generators. */
    static long mix(long seed, int epoch, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
