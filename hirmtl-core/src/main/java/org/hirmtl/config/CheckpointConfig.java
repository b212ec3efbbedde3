package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * Checkpoints. {@code last.zip} is written at the end of every epoch and, inside an epoch, whenever
 * {@code everySteps} steps or {@code everyMinutes} minutes have passed since the last one, so a crash loses at most
 * that much training; {@code best.zip} at the end of an epoch that improves {@code bestMetric}.
 *
 * @param everyEpochs also keep a numbered copy {@code epoch-NNN.zip} of {@code last.zip} every N epochs (0 = none)
 * @param everySteps write {@code last.zip} inside an epoch every N training steps (0 = not by steps)
 * @param everyMinutes write {@code last.zip} inside an epoch when this many minutes passed since the last checkpoint
 *     (0 = not by time)
 * @param bestMetric validation metric that picks the best checkpoint: {@code loss} or {@code <task>.<metric>}, e.g.
 *     {@code semseg.miou}
 * @param bestMode {@code max}, {@code min}, or {@code auto} (the metric's own direction)
 */
public record CheckpointConfig(int everyEpochs, int everySteps, double everyMinutes, String bestMetric,
                               String bestMode) {

    /** The known modes. */
    public static final List<String> MODES = List.of("max", "min", "auto");

    /** Requires values in range and a known mode. */
    public CheckpointConfig {
        Checks.atLeast("every_epochs", everyEpochs, 0);
        Checks.atLeast("every_steps", everySteps, 0);
        Checks.nonNegative("every_minutes", everyMinutes);
        Checks.text("best_metric", bestMetric);
        Checks.oneOf("best_mode", bestMode, MODES);
    }
}
