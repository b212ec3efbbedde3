package org.hirmtl.config;

import java.nio.file.Path;
import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * A loaded config and the files it was read from.
 *
 * @param config the resolved, validated config
 * @param sources the files in the order they were applied (bases first, the given file last); the built-in defaults
 *     are not listed
 */
public record LoadedConfig(ExperimentConfig config, List<Path> sources) {

    /** Copies {@code sources}. */
    public LoadedConfig {
        Checks.required("config", config);
        sources = List.copyOf(sources);
    }
}
