package org.hirmtl.api.config;

import java.util.Map;

/**
 * One task's settings.
 *
 * @param weight loss weight {@code w_t} (> 0) of the objective
 * @param options task-specific settings, free-form, e.g. {@code classes: 40} or {@code positive_weight: 0.95}
 */
public record TaskConfig(double weight, Map<String, Object> options) {

    /**
     * Requires a positive weight.
     *
     * @param weight loss weight {@code w_t} (> 0) of the objective
     * @param options task-specific settings, free-form (copied unmodifiable)
     */
    public TaskConfig {
        Checks.positive("weight", weight);
        options = Checks.freeForm("options", options);
    }
}
