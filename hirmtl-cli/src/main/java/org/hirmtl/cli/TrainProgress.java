package org.hirmtl.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;
import org.hirmtl.train.EpochSummary;
import org.hirmtl.train.TrainListener;

/** Shows training: a bar per epoch (step, loss per task, images/s, ETA) and one summary line per epoch. */
final class TrainProgress implements TrainListener {
    private final PrintWriter out;
    private final boolean quiet;
    private Progress bar;

    /** @param out where lines go @param quiet {@code -q}: no bars and no lines */
    TrainProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void message(String line) {
        close();
        if (!quiet) {
            out.println(line);
        }
    }

    @Override
    public void phase(String name, long total) {
        close();
        bar = Progress.start(name, total, "scenes", quiet);
    }

    @Override
    public void phaseStep() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void phaseEnd() {
        close();
    }

    @Override
    public void epochStart(int epoch, int epochs, int steps, int firstStep) {
        close();
        bar = Progress.start("epoch " + epoch + "/" + epochs, steps, "steps", quiet);
        bar.skip(firstStep);
    }

    @Override
    public void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
        if (bar != null) {
            bar.stepTo(step, String.format("%s %.1f img/s", format(losses), imagesPerSecond));
        }
    }

    @Override
    public void validationStart(int batches) {
        close();
        bar = Progress.start("validation", batches, "batches", quiet);
    }

    @Override
    public void epochEnd(EpochSummary s) {
        close();
        if (quiet) {
            return;
        }
        StringJoiner val = new StringJoiner(" ");
        s.validation().forEach((k, v) -> {
            if (k.equals("loss") || k.endsWith(".miou") || k.endsWith(".rmse") || k.endsWith(".mean")
                    || k.endsWith(".odsf") || k.endsWith(".maxf")) {
                val.add(k + "=" + fmt(v));
            }
        });
        out.printf("epoch %d: train %s | val %s | %.0f s, %.1f img/s%s%n", s.epoch(), format(s.trainLoss()), val,
                s.seconds(), s.imagesPerSecond(), s.best() ? " (best)" : "");
        out.flush();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String format(Map<String, Double> losses) {
        StringJoiner j = new StringJoiner(" ");
        losses.forEach((k, v) -> j.add(k + "=" + fmt(v)));
        return j.toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "nan" : Math.abs(v) >= 100 ? String.format("%.1f", v) : String.format("%.4f", v);
    }
}
