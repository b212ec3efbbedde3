package org.hirmtl.config;

import org.hirmtl.api.config.Checks;

/**
 * Information exchange between tasks.
 *
 * @param type a registered exchange name: {@code aicm} (asymmetric gated comparison) or {@code none}
 * @param options its own options ({@code model.exchange.options}), checked against what it declares
 */
public record ExchangeConfig(String type, java.util.Map<String, Object> options) {

    /** Requires a type; no options is an empty map. */
    public ExchangeConfig {
        Checks.text("type", type);
        options = Checks.freeForm("options", options == null ? java.util.Map.of() : options);
    }

    /** A exchange without options. */
    public ExchangeConfig(String type) {
        this(type, java.util.Map.of());
    }
}
