package org.hirmtl.data.synth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a synthetic dataset in the NYUD_MT layout: {@code images/<id>.jpg}, {@code segmentation/<id>.png}
 * (class + 1), {@code depth/<id>.npy}, {@code normals/<id>.npy} (H x W x 3), {@code edge/<id>.npy},
 * {@code saliency/<id>.png} (255 / 0), {@code gt_sets/train.txt} and {@code val.txt}, then {@code synth.json}.
 *
 * <p>Scenes are generated and written in parallel; every file goes through a temporary name and an atomic rename,
 * and the manifest is written last (and removed first), so an interrupted run is never mistaken for a complete one.
 * The bytes written depend only on the spec, not on the thread count.
 */
public final class SynthWriter {
    private final SceneGenerator generator;

    /** A writer using a default {@link SceneGenerator}. */
    public SynthWriter() {
        this(new SceneGenerator());
    }

    /** A writer using {@code generator}. */
    public SynthWriter(SceneGenerator generator) {
        this.generator = generator;
    }

    /** Writes {@code spec} under {@code outDir} with one thread per processor and no progress reporting. */
    public void write(SynthSpec spec, Path outDir) throws IOException {
        write(spec, outDir, 0, ProgressListener.NONE);
    }

    /**
     * Generates and writes every scene of {@code spec} under {@code outDir} (created if needed, existing files
     * replaced).
     *
     * @param threads worker threads; 0 or less means one per available processor
     * @param listener told once per finished scene, on the calling thread
     * @throws IOException if a scene fails (the message names the scene) or a file cannot be written
     */
    public void write(SynthSpec spec, Path outDir, int threads, ProgressListener listener) throws IOException {
        for (String folder : SceneFiles.FOLDERS) {
            Files.createDirectories(outDir.resolve(folder));
        }
        Files.deleteIfExists(outDir.resolve(Manifest.FILE));
        int workers = Math.min(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), spec.scenes());
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < spec.scenes(); i++) {
                int index = i;
                done.submit(() -> writeScene(spec, outDir, index));
            }
            for (int i = 0; i < spec.scenes(); i++) {
                await(done);
                listener.step();
            }
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        writeSplit(outDir, "train.txt", spec, 0, spec.train());
        writeSplit(outDir, "val.txt", spec, spec.train(), spec.scenes());
        Manifest.write(outDir, spec);
    }

    /**
     * Whether {@code dir} holds a complete dataset generated for exactly {@code spec} by this generator version:
     * its manifest is present and matches, and both split files exist.
     */
    public static boolean isComplete(Path dir, SynthSpec spec) {
        Path sets = dir.resolve(SceneFiles.GT_SETS);
        return Manifest.matches(dir, spec) && Files.isRegularFile(sets.resolve("train.txt"))
                && Files.isRegularFile(sets.resolve("val.txt"));
    }

    private Integer writeScene(SynthSpec spec, Path outDir, int index) throws IOException {
        String id = spec.id(index);
        try {
            SceneFiles.write(outDir, id, generator.generate(spec, index));
            return index;
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("synthetic scene " + id + ": interrupted");
            }
            throw new IOException("synthetic scene " + id + ": " + e.getMessage(), e);
        }
    }

    private static void await(CompletionService<Integer> done) throws IOException {
        try {
            done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing synthetic scenes");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("synthetic scene failed: " + cause, cause);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeSplit(Path outDir, String name, SynthSpec spec, int from, int to) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(spec.id(i)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        SceneFiles.atomic(outDir.resolve(SceneFiles.GT_SETS).resolve(name), tmp -> Files.write(tmp, bytes));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hirmtl-synth-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
