package org.hirmtl.eval.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;

/**
 * Evaluates predicted edge maps against ground-truth boundary maps by the BSDS500 / SEISM protocol and reports
 * ODS F, OIS F and AP.
 *
 * <p>Per image: {@code nThresh} thresholds {@code t_k = k / (nThresh + 1)} (BSDS's
 * {@code linspace(1/(n+1), 1-1/(n+1), n)}; 99 gives 0.01..0.99); at each, {@code B = P >= t_k} is thinned like
 * {@code bwmorph(B, 'thin', Inf)} ({@link Thinning}) and matched one to one to each ground truth within
 * {@code maxDist · sqrt(H² + W²)} pixels ({@link BoundaryMatcher}); the counts are pooled as
 * {@code collect_eval_bdry.m} does ({@link BoundaryStats}). {@code maxDist} is 0.0075 for BSDS and PASCAL, 0.011
 * for NYUD.
 *
 * <p>Inputs: the prediction is a 1-channel map of edge probabilities (NaN and infinities are rejected; values
 * outside [0, 1] simply lie below or above every threshold); the ground truth has one channel per annotation
 * (NYUD and PASCAL have one), {@code 1} = boundary, {@code 0} = not (other values are rejected), and
 * {@link TargetKind#IGNORE} marks padding, which counts as no boundary in the ground truth and
 * removes the prediction there. {@link #add} copies what it needs, validates on the caller's thread and evaluates
 * on a pool of {@code threads} daemon threads; it blocks when a few images per thread are already waiting.
 * {@link #result} waits for them. Counts are integers kept in the order images were added, so the scores do not
 * depend on the thread count.
 *
 * <p>{@link #seism} makes an evaluator of the pipeline behind the published tables instead ({@link Seism}): the
 * prediction quantised to 8 bits and non-maximum suppressed, SEISM's 101 thresholds with {@code E > t}, the ground
 * truth redrawn and thinned, SEISM's scores; ignored pixels are not masked there.
 */
public final class BoundaryEvaluator implements AutoCloseable {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final double maxDist;
    private final double[] thresholds;
    private final boolean seism;
    private final int threads;
    private final Semaphore slots;
    private final List<Future<ImageCounts>> images = new ArrayList<>();
    private ThreadPoolExecutor pool;

    /**
     * @param maxDist matching tolerance as a fraction of the image diagonal, {@code >= 0}
     * @param nThresh number of thresholds, 1..32767 (99 in BSDS)
     * @param threads worker threads, {@code >= 1}
     */
    public BoundaryEvaluator(double maxDist, int nThresh, int threads) {
        this(maxDist, bsdsThresholds(nThresh), false, threads);
    }

    private BoundaryEvaluator(double maxDist, double[] thresholds, boolean seism, int threads) {
        if (!(maxDist >= 0) || Double.isInfinite(maxDist)) {
            throw new IllegalArgumentException("maxDist must be a finite value >= 0, got " + maxDist);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.maxDist = maxDist;
        this.threads = threads;
        this.thresholds = thresholds;
        this.seism = seism;
        this.slots = new Semaphore(4 * threads);
    }

    /**
     * The pipeline behind the published NYUD / PASCAL-Context tables ({@link Seism}).
     *
     * @param maxDist matching tolerance as a fraction of the image diagonal, {@code >= 0}
     * @param threads worker threads, {@code >= 1}
     */
    public static BoundaryEvaluator seism(double maxDist, int threads) {
        return new BoundaryEvaluator(maxDist, Seism.THRESHOLDS.clone(), true, threads);
    }

    private static double[] bsdsThresholds(int nThresh) {
        if (nThresh < 1 || nThresh > Short.MAX_VALUE) {
            throw new IllegalArgumentException("nThresh must be in 1.." + Short.MAX_VALUE + ", got " + nThresh);
        }
        double[] t = new double[nThresh];
        for (int k = 1; k <= nThresh; k++) {
            t[k - 1] = k / (nThresh + 1.0);
        }
        return t;
    }

    /** Whether this evaluator runs the SEISM pipeline ({@link #seism}). */
    public boolean isSeism() {
        return seism;
    }

    /** The tolerance as a fraction of the image diagonal. */
    public double maxDist() {
        return maxDist;
    }

    /** Number of thresholds. */
    public int nThresh() {
        return thresholds.length;
    }

    /** Number of worker threads. */
    public int threads() {
        return threads;
    }

    /** Queues one image; {@code groundTruth} has one channel per annotation. Thread-safe. */
    public void add(DenseMap prediction, DenseMap groundTruth) {
        if (prediction.channels() != 1) {
            throw new IllegalArgumentException("prediction must have 1 channel, got " + prediction.channels());
        }
        if (prediction.height() != groundTruth.height() || prediction.width() != groundTruth.width()) {
            throw new IllegalArgumentException("prediction is " + prediction.sizeString() + " but ground truth is "
                    + groundTruth.sizeString());
        }
        int h = prediction.height();
        int w = prediction.width();
        int hw = h * w;
        boolean[][] gts = new boolean[groundTruth.channels()][hw];
        boolean[] ignore = null;
        float[] g = groundTruth.data();
        for (int c = 0; c < gts.length; c++) {
            for (int i = 0; i < hw; i++) {
                float v = g[c * hw + i];
                if (v == TargetKind.IGNORE) {
                    ignore = ignore == null ? new boolean[hw] : ignore;
                    ignore[i] = true;
                } else if (v == 1) {
                    gts[c][i] = true;
                } else if (v != 0) {
                    throw new IllegalArgumentException("edge target " + v + " at pixel " + i + " (row " + i / w
                            + ", column " + i % w + ", channel " + c + ") is not 0, 1 or " + TargetKind.IGNORE);
                }
            }
        }
        float[] p = prediction.data();
        for (int i = 0; i < hw; i++) {
            if (!Float.isFinite(p[i])) {
                throw new IllegalArgumentException("edge prediction " + p[i] + " at pixel " + i + " (row " + i / w
                        + ", column " + i % w + ") is not finite");
            }
        }
        float[] pred = p.clone();
        boolean[] masked = ignore;
        double radius = maxDist * Math.sqrt((double) h * h + (double) w * w);
        int n = thresholds.length;
        slots.acquireUninterruptibly();
        try {
            synchronized (this) {
                images.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        short[] level;
                        boolean[][] truths = gts;
                        if (seism) {
                            float[] e = EdgeNms.suppress(Seism.quantize(pred, 0, hw), h, w);
                            level = ImageEvaluation.levels(e, 0, hw, thresholds, true, null);
                            truths = new boolean[gts.length][];
                            for (int c = 0; c < gts.length; c++) {
                                truths[c] = Seism.groundTruth(gts[c], h, w);
                            }
                        } else {
                            level = ImageEvaluation.levels(pred, 0, hw, thresholds, false, masked);
                        }
                        return ImageEvaluation.evaluate(level, n, truths, h, w, radius);
                    } finally {
                        slots.release();
                    }
                }, pool()));
            }
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Queues one image with several annotations (BSDS's multiple human boundary maps), each 1 channel. */
    public void add(DenseMap prediction, List<DenseMap> groundTruths) {
        if (groundTruths.isEmpty()) {
            throw new IllegalArgumentException("no ground truth given");
        }
        DenseMap first = groundTruths.get(0);
        int hw = first.pixels();
        float[] all = new float[groundTruths.size() * hw];
        for (int c = 0; c < groundTruths.size(); c++) {
            DenseMap gt = groundTruths.get(c);
            if (gt.channels() != 1 || gt.height() != first.height() || gt.width() != first.width()) {
                throw new IllegalArgumentException("ground truth " + c + " is " + gt + ", expected 1x"
                        + first.sizeString());
            }
            System.arraycopy(gt.data(), 0, all, c * hw, hw);
        }
        add(prediction, new DenseMap(groundTruths.size(), first.height(), first.width(), all));
    }

    /** Waits for every queued image and returns the scores of all images so far. */
    public BoundaryResult result() {
        return seism ? Seism.collect(thresholds, counts()) : BoundaryStats.collect(thresholds, counts());
    }

    /** Releases the worker threads (they also exit by themselves when idle). */
    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    /** Per-image counts in the order the images were added, waiting for queued ones. */
    List<ImageCounts> counts() {
        List<Future<ImageCounts>> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(images);
        }
        List<ImageCounts> out = new ArrayList<>(snapshot.size());
        boolean interrupted = false;
        for (Future<ImageCounts> f : snapshot) {
            while (true) {
                try {
                    out.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException re ? re
                            : new IllegalStateException("boundary evaluation failed", cause);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Appends already computed counts (from another evaluator with the same thresholds). */
    synchronized void addCounts(List<ImageCounts> counts) {
        for (ImageCounts c : counts) {
            if (c.size() != thresholds.length) {
                throw new IllegalArgumentException("counts have " + c.size() + " thresholds, expected "
                        + thresholds.length);
            }
            images.add(CompletableFuture.completedFuture(c));
        }
    }

    private synchronized ThreadPoolExecutor pool() {
        if (pool == null) {
            String prefix = "boundary-eval-" + POOL_IDS.incrementAndGet() + "-";
            AtomicInteger ids = new AtomicInteger();
            pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, prefix + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
        }
        return pool;
    }
}
