package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * The optimiser.
 *
 * @param type {@code adam} or {@code sgd}
 * @param lr base learning rate (> 0)
 * @param weightDecay L2 weight decay (>= 0)
 * @param momentum SGD momentum, Adam's β1; in [0, 1)
 */
public record OptimizerConfig(String type, double lr, double weightDecay, double momentum) {

    /** The known optimiser types. */
    public static final List<String> TYPES = List.of("adam", "sgd");

    /** Requires a known type and values in range. */
    public OptimizerConfig {
        Checks.oneOf("type", type, TYPES);
        Checks.positive("lr", lr);
        Checks.nonNegative("weight_decay", weightDecay);
        Checks.range("momentum", momentum, 0, 1, true);
    }
}
