package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * Fusion of the scales, per task.
 *
 * @param type a registered fusion name: {@code taf} (task-adaptive, per-pixel softmax over scales) or {@code mean}
 * @param options its own options ({@code model.fusion.options}), checked against what it declares
 */
public record FusionConfig(String type, java.util.Map<String, Object> options) {

    /** Requires a type; no options is an empty map. */
    public FusionConfig {
        Checks.text("type", type);
        options = Checks.freeForm("options", options == null ? java.util.Map.of() : options);
    }

    /** A fusion without options. */
    public FusionConfig(String type) {
        this(type, java.util.Map.of());
    }
}
