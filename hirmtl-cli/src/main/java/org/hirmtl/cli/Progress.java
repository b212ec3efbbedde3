package org.hirmtl.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work: a live bar (rate, ETA) on a terminal (progressbar), and otherwise (CI logs, pipes) one plain
 * log line at most every 5 seconds plus one at the end: {@code epoch 1/6: 30/75 steps (40%), 0.8 steps/s, ETA 0:56,
 * <message>}. Nothing with {@code -q}. Thread-safe {@link #step()}.
 */
final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.hirmtl.progress");
    private static final long LINE_EVERY_NANOS = 5_000_000_000L;
    private final ProgressBar bar;
    private final String task;
    private final long total;
    private final String unit;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastLine = System.nanoTime();
    private volatile String extra = "";
    /** Units done before this display started (a resumed epoch): not counted in the rate. */
    private volatile long first;
    private final boolean plain;

    private Progress(ProgressBar bar, String task, long total, String unit, boolean plain) {
        this.bar = bar;
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.plain = plain;
    }

    /** A progress display for {@code total} units named {@code unit}, titled {@code task}; nothing when quiet. */
    static Progress start(String task, long total, String unit, boolean quiet) {
        if (quiet) {
            return new Progress(null, task, total, unit, false);
        }
        if (System.console() == null) {
            return new Progress(null, task, total, unit, true);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate().setUpdateIntervalMillis(200).build();
        return new Progress(bar, task, total, unit, false);
    }

    /** One unit done. */
    void step() {
        if (bar != null) {
            bar.step();
        }
        long n = done.incrementAndGet();
        if (plain && System.nanoTime() - lastLine >= LINE_EVERY_NANOS && n < total) {
            lastLine = System.nanoTime();
            LOG.info(line(n));
        }
    }

    /** Starts at {@code units} already done (a resumed epoch). */
    void skip(long units) {
        first = units;
        done.set(units);
        if (bar != null) {
            bar.stepTo(units);
        }
    }

    /** {@code n} units done in all (a step may cover several, e.g. one batch per parallel replica), with a message. */
    void stepTo(long n, String message) {
        extra = message;
        if (bar != null) {
            bar.setExtraMessage(" " + message);
            bar.stepTo(n);
        }
        done.set(n);
        if (plain && System.nanoTime() - lastLine >= LINE_EVERY_NANOS && n < total) {
            lastLine = System.nanoTime();
            LOG.info(line(n));
        }
    }

    /** One unit done, with a message shown next to the bar (e.g. losses). */
    void step(String message) {
        extra = message;
        if (bar != null) {
            bar.setExtraMessage(" " + message);
        }
        step();
    }

    /** Elapsed time since the start. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    String line(long n) {
        double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double rate = (n - first) / secs;
        long eta = rate > 0 ? Math.round((total - n) / rate) : 0;
        return String.format("%s: %d/%d %s (%d%%), %.2f %s/s, %s %d:%02d%s", task, n, total, unit,
                total == 0 ? 100 : n * 100 / total, rate, unit, n >= total ? "took" : "ETA",
                (n >= total ? (long) secs : eta) / 60, (n >= total ? (long) secs : eta) % 60,
                extra.isEmpty() ? "" : ", " + extra);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        if (plain && done.get() > 0) {
            LOG.info(line(done.get()));
        }
    }
}
