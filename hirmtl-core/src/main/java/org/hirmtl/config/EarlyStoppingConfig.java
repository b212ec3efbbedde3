package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * Early stopping on a validation metric (in the metric's own direction).
 *
 * @param enabled stop early at all
 * @param patience epochs without improvement before stopping
 * @param metric {@code loss} or {@code <task>.<metric>}
 */
public record EarlyStoppingConfig(boolean enabled, int patience, String metric) {

    /** Requires a positive patience and a metric. */
    public EarlyStoppingConfig {
        Checks.atLeast("patience", patience, 1);
        Checks.text("metric", metric);
    }
}
