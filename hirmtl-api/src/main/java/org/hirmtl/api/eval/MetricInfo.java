package org.hirmtl.api.eval;

import java.util.Objects;

/**
 * What one value of {@link DenseMetric#results()} means.
 *
 * @param name the key in {@code results()}, e.g. {@code "miou"}
 * @param direction which way is better
 * @param description one line with the unit and the definition, for tables and {@code --help}
 */
public record MetricInfo(String name, Direction direction, String description) {

    /**
     * Checks that every field is present and the name is not blank.
     *
     * @param name the key in {@code results()}, e.g. {@code "miou"}; not blank
     * @param direction which way is better
     * @param description one line with the unit and the definition, for tables and {@code --help}
     */
    public MetricInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name is blank");
        }
    }
}
