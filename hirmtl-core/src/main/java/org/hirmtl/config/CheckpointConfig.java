package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * Checkpoints.
 *
 * @param everyEpochs save every N epochs (0 = only the last and the best)
 * @param bestMetric validation metric that picks the best checkpoint: {@code loss} or {@code <task>.<metric>}, e.g.
 *     {@code semseg.miou}
 * @param bestMode {@code max}, {@code min}, or {@code auto} (the metric's own direction)
 */
public record CheckpointConfig(int everyEpochs, String bestMetric, String bestMode) {

    /** The known modes. */
    public static final List<String> MODES = List.of("max", "min", "auto");

    /** Requires values in range and a known mode. */
    public CheckpointConfig {
        Checks.atLeast("every_epochs", everyEpochs, 0);
        Checks.text("best_metric", bestMetric);
        Checks.oneOf("best_mode", bestMode, MODES);
    }
}
