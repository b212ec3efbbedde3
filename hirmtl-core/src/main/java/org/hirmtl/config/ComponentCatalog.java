package org.hirmtl.config;

import java.util.Set;
import org.hirmtl.api.Kind;

/**
 * The component names the config loader accepts, per {@link Kind}: the live registries (built-ins and loaded
 * plugins), never a fixed list, so {@code config validate} and {@code train} accept the same configs.
 */
@FunctionalInterface
public interface ComponentCatalog {

    /** The registered names of {@code kind}. */
    Set<String> names(Kind kind);
}
