package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * The learning-rate schedule over the training steps, after an optional linear warm-up.
 *
 * @param type {@code poly} ({@code lr·(1 − t/T)^power}), {@code cosine} or {@code constant}
 * @param power exponent of {@code poly} (> 0)
 * @param warmupEpochs epochs of linear warm-up from 0 (0 = none)
 */
public record ScheduleConfig(String type, double power, int warmupEpochs) {

    /** The known schedule types. */
    public static final List<String> TYPES = List.of("poly", "cosine", "constant");

    /** Requires a known type and values in range. */
    public ScheduleConfig {
        Checks.oneOf("type", type, TYPES);
        Checks.positive("power", power);
        Checks.atLeast("warmup_epochs", warmupEpochs, 0);
    }
}
