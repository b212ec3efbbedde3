package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * Information exchange between tasks.
 *
 * @param type a registered exchange name: {@code aicm} (asymmetric gated comparison) or {@code none}
 */
public record ExchangeConfig(String type) {

    /** Requires a type. */
    public ExchangeConfig {
        Checks.text("type", type);
    }
}
