package org.hirmtl.api.config;

/**
 * How the task losses are balanced; never touches the architecture.
 *
 * @param type a registered weighting name: {@code fixed} (the tasks' weights), {@code uncertainty} (Kendall et al.),
 *     {@code dwa} (dynamic weight average)
 * @param temperature DWA's softmax temperature (> 0)
 */
public record WeightingConfig(String type, double temperature) {

    /** Requires a type and a positive temperature. */
    public WeightingConfig {
        Checks.text("type", type);
        Checks.positive("temperature", temperature);
    }
}
