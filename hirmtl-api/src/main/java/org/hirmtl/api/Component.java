package org.hirmtl.api;

import java.util.List;
import org.hirmtl.api.config.OptionSpec;

/**
 * What every registered component has: a name and, optionally, a description and the options it accepts. The
 * toolkit checks a config's {@code options:} section for the component against {@link #options()} when the config
 * loads (unknown keys, types, choices, required options; with file and line) and fills in the defaults, for
 * built-ins and plugins alike. A component that declares no options accepts none.
 */
public interface Component {
    /**
     * The registered name.
     *
     * @return the name the component is registered under and that configs use for it (unique per kind)
     */
    String name();

    /**
     * One line for {@code hirmtl plugins info} and listings.
     *
     * @return a one-line description; the default is {@link #name()}
     */
    default String description() {
        return name();
    }

    /**
     * The options this component accepts under its {@code options:} section, in the order {@code config print}
     * shows them: {@code tasks.NAME.options}, and {@code options} next to the {@code type} that names the component
     * ({@code model.backbone}, {@code model.stf}, {@code model.fusion}, {@code model.exchange}, {@code model.head},
     * {@code train.weighting}). Declare ranges with {@link OptionSpec#atLeast} and its siblings.
     *
     * @return the declared options, in display order; the default is an empty list (no options accepted)
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Rules across options that {@link #options()} cannot declare (e.g. {@code low < high}), checked when the config
     * loads — by {@code config validate} as by {@code train} — after every option has been resolved (defaults filled
     * in, types and ranges checked). Throw {@link org.hirmtl.api.config.ConfigValueException} naming the option
     * ({@code new ConfigValueException("high", "must be greater than low (0.5), got 0.2")}); the toolkit reports it
     * with the option's full path, file and line. The default accepts everything.
     *
     * @param resolved the resolved options, by name
     */
    default void checkOptions(java.util.Map<String, Object> resolved) {
    }
}
