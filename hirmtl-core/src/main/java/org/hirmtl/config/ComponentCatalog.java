package org.hirmtl.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hirmtl.api.Kind;
import org.hirmtl.api.Component;
import org.hirmtl.api.config.OptionSpec;

/**
 * The component names the config loader accepts, per {@link Kind}: the live registries (built-ins and loaded
 * plugins), never a fixed list, so {@code config validate} and {@code train} accept the same configs.
 */
@FunctionalInterface
public interface ComponentCatalog {

    /** The registered names of {@code kind}. */
    Set<String> names(Kind kind);

    /** The registered component {@code name} of {@code kind}, if any (its options and option rules). */
    default Optional<Component> component(Kind kind, String name) {
        return Optional.empty();
    }

    /** The options component {@code name} of {@code kind} declares; empty if no such component is registered. */
    default Optional<List<OptionSpec>> options(Kind kind, String name) {
        return component(kind, name).map(Component::options);
    }
}
