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
    /** The registered name. */
    String name();

    /** One line for {@code hirmtl plugins info} and listings. */
    default String description() {
        return name();
    }

    /**
     * The options this component accepts under its {@code options:} section, in the order {@code config print}
     * shows them. Read for tasks ({@code tasks.NAME.options}), backbones ({@code model.backbone.options}) and loss
     * weightings ({@code train.weighting.options}).
     */
    default List<OptionSpec> options() {
        return List.of();
    }
}
