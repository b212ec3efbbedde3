package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * The built-in synthetic scene generator (used when {@code data.type} is {@code synthetic}).
 *
 * @param train number of training scenes
 * @param val number of validation scenes
 * @param classes number of semantic classes K
 * @param seed generator seed; the same seed gives the same scenes
 * @param size rendered image size (written {@code 128x160})
 */
public record SynthConfig(int train, int val, int classes, long seed, ImageSize size) {

    /** Requires positive counts and a size. */
    public SynthConfig {
        Checks.atLeast("train", train, 1);
        Checks.atLeast("val", val, 1);
        Checks.atLeast("classes", classes, 1);
        Checks.required("size", size);
    }
}
