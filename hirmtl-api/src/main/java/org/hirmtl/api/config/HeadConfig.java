package org.hirmtl.api.config;

/**
 * Per-task prediction head.
 *
 * @param type a registered head name, e.g. {@code conv}
 * @param channels hidden channels of the head
 */
public record HeadConfig(String type, int channels) {

    /** Requires a type and positive channels. */
    public HeadConfig {
        Checks.text("type", type);
        Checks.atLeast("channels", channels, 1);
    }
}
