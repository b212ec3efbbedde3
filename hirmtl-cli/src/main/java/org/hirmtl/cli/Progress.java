package org.hirmtl.cli;

import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work: a live bar (rate, ETA) on a terminal, and plain log lines every few seconds otherwise
 * (CI logs, pipes). Nothing with {@code -q}. Thread-safe {@link #step()}.
 */
final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.hirmtl.progress");
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A progress display for {@code total} units named {@code unit}, titled {@code task}. */
    static Progress start(String task, long total, String unit) {
        if (Verbosity.quiet()) {
            return new Progress(null);
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate();
        if (System.console() == null) {
            b.setConsumer(new DelegatingProgressBarConsumer(LOG::info, 250)).setUpdateIntervalMillis(5000);
        } else {
            b.setUpdateIntervalMillis(200);
        }
        return new Progress(b.build());
    }

    /** One unit done. */
    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** One unit done, with a message shown next to the bar (e.g. losses). */
    void step(String extra) {
        if (bar != null) {
            bar.setExtraMessage(" " + extra);
            bar.step();
        }
    }

    /** Elapsed time since the start. */
    Duration elapsed() {
        return bar == null ? Duration.ZERO : bar.getTotalElapsed();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
