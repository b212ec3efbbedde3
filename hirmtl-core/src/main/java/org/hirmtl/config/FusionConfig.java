package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * Fusion of the scales, per task.
 *
 * @param type a registered fusion name: {@code taf} (task-adaptive, per-pixel softmax over scales) or {@code mean}
 */
public record FusionConfig(String type) {

    /** Requires a type. */
    public FusionConfig {
        Checks.text("type", type);
    }
}
