package org.hirmtl.api.config;

import java.util.Map;

/**
 * How the task losses are balanced; never touches the architecture.
 *
 * @param type a registered weighting name: {@code fixed} (the tasks' weights), {@code uncertainty} (Kendall et al.),
 *     {@code dwa} (dynamic weight average), or a plugin's
 * @param temperature DWA's softmax temperature (> 0)
 * @param options the weighting's own options ({@code train.weighting.options}), checked against what it declares
 *     ({@link org.hirmtl.api.Component#options()}) with defaults filled in
 */
public record WeightingConfig(String type, double temperature, Map<String, Object> options) {

    /**
     * Requires a type and a positive temperature.
     *
     * @param type a registered weighting name, e.g. {@code fixed}, {@code uncertainty} or {@code dwa}
     * @param temperature DWA's softmax temperature (> 0)
     * @param options the weighting's own options ({@code train.weighting.options}); {@code null} is read as none
     */
    public WeightingConfig {
        Checks.text("type", type);
        Checks.positive("temperature", temperature);
        options = Checks.freeForm("options", options == null ? Map.of() : options);
    }

    /**
     * A weighting without options.
     *
     * @param type a registered weighting name, e.g. {@code fixed}, {@code uncertainty} or {@code dwa}
     * @param temperature DWA's softmax temperature (> 0)
     */
    public WeightingConfig(String type, double temperature) {
        this(type, temperature, Map.of());
    }
}
