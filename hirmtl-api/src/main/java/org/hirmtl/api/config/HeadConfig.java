package org.hirmtl.api.config;

import java.util.Map;

/**
 * Per-task prediction head.
 *
 * @param type a registered head name, e.g. {@code conv}
 * @param channels hidden channels of the head
 * @param options the head's own options ({@code model.head.options}), checked against what it declares
 */
public record HeadConfig(String type, int channels, Map<String, Object> options) {

    /**
     * Requires a type and positive channels.
     *
     * @param type a registered head name, e.g. {@code conv}
     * @param channels hidden channels of the head (≥ 1)
     * @param options the head's own options ({@code model.head.options}); {@code null} is read as none
     */
    public HeadConfig {
        Checks.text("type", type);
        Checks.atLeast("channels", channels, 1);
        options = Checks.freeForm("options", options == null ? Map.of() : options);
    }

    /**
     * A head without options.
     *
     * @param type a registered head name, e.g. {@code conv}
     * @param channels hidden channels of the head (≥ 1)
     */
    public HeadConfig(String type, int channels) {
        this(type, channels, Map.of());
    }
}
