package org.hirmtl.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One option a component accepts under its {@code options:} section (a task's {@code tasks.NAME.options}, the
 * backbone's {@code model.backbone.options}, the weighting's {@code train.weighting.options}): its name, type,
 * default and description. The toolkit's config loader checks every given option against the component's
 * declarations ({@link #resolve}): an unknown name, a value of the wrong type or outside its choices, or a missing
 * required option is an error with the file and line; absent options get their defaults, so {@code config print}
 * shows every option's value. Components then read their options already checked.
 *
 * <pre>{@code
 * public List<OptionSpec> options() {
 *     return List.of(
 *         OptionSpec.number("threshold", 0.05, "relative depth jump that makes an occlusion boundary"),
 *         OptionSpec.choice("side", "near", List.of("near", "far", "both"), "which side of the jump is marked"));
 * }
 * }</pre>
 *
 * @param name        the key, lower case ({@code [a-z][a-z0-9_]*})
 * @param type        the value's type
 * @param defaultValue the value when the option is absent; {@code null}: no default (see {@code required})
 * @param required    whether the option must be given (only without a default)
 * @param choices     the allowed values of a {@link Type#TEXT} option (empty: any text)
 * @param description one line for {@code hirmtl plugins info} and docs
 * @param min         the lower bound of a number or integer option (each element of a list), or null for none
 * @param minOpen     whether {@code min} itself is excluded ({@code > min} rather than {@code >= min})
 * @param max         the upper bound, or null for none
 * @param maxOpen     whether {@code max} itself is excluded
 */
public record OptionSpec(String name, Type type, Object defaultValue, boolean required, List<String> choices,
                         String description, Double min, boolean minOpen, Double max, boolean maxOpen) {

    /** Option value types, as YAML writes them. */
    public enum Type {
        /** A whole number (YAML {@code 3}; {@code 3.0} is accepted too). */
        INTEGER("an integer"),
        /** Any number. */
        NUMBER("a number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** Text (optionally one of {@link OptionSpec#choices()}). */
        TEXT("text"),
        /** A list of whole numbers. */
        INTEGER_LIST("a list of integers"),
        /** A list of numbers. */
        NUMBER_LIST("a list of numbers"),
        /** A list of texts. */
        TEXT_LIST("a list of texts");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /**
         * How messages describe the type, e.g. {@code an integer}.
         *
         * @return the type's description, with its article
         */
        public String description() {
            return description;
        }
    }

    /**
     * Checks the name, that a required option has no default, that bounds fit the type and leave a range, and that the
     * default has the declared type and lies in the bounds.
     *
     * @param name         the key, lower case ({@code [a-z][a-z0-9_]*})
     * @param type         the value's type
     * @param defaultValue the value when the option is absent, or {@code null}
     * @param required     whether the option must be given (only without a default)
     * @param choices      the allowed values of a text option (empty: any text)
     * @param description  one line for {@code hirmtl plugins info} and docs
     * @param min          the lower bound of a number or integer option, or null
     * @param minOpen      whether {@code min} itself is excluded
     * @param max          the upper bound, or null
     * @param maxOpen      whether {@code max} itself is excluded
     */
    public OptionSpec {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option name '" + name + "' is not valid ([a-z][a-z0-9_]*)");
        }
        if (type == null) {
            throw new IllegalArgumentException("option '" + name + "' has no type");
        }
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (!choices.isEmpty() && type != Type.TEXT) {
            throw new IllegalArgumentException("option '" + name + "': choices are for text options");
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("option '" + name + "' is required, so it has no default");
        }
        description = description == null ? "" : description;
        if ((min != null || max != null) && type != Type.INTEGER && type != Type.NUMBER && type != Type.INTEGER_LIST
                && type != Type.NUMBER_LIST) {
            throw new IllegalArgumentException("option '" + name + "': bounds are for numbers and integers");
        }
        if (min != null && max != null && (min > max || (min.equals(max) && (minOpen || maxOpen)))) {
            throw new IllegalArgumentException("option '" + name + "': empty range " + range(min, minOpen, max,
                    maxOpen));
        }
        if (defaultValue != null) {
            defaultValue = convert(name, type, choices, defaultValue, min, minOpen, max, maxOpen);
        }
    }

    /**
     * An option without bounds (the form before bounds existed).
     *
     * @param name         the key, lower case ({@code [a-z][a-z0-9_]*})
     * @param type         the value's type
     * @param defaultValue the value when the option is absent, or {@code null}
     * @param required     whether the option must be given (only without a default)
     * @param choices      the allowed values of a text option (empty: any text)
     * @param description  one line for {@code hirmtl plugins info} and docs
     */
    public OptionSpec(String name, Type type, Object defaultValue, boolean required, List<String> choices,
                      String description) {
        this(name, type, defaultValue, required, choices, description, null, false, null, false);
    }

    /**
     * This option with values required to be {@code >= min}.
     *
     * @param min the lower bound, included
     * @return a copy with the bound
     */
    public OptionSpec atLeast(double min) {
        return new OptionSpec(name, type, defaultValue, required, choices, description, min, false, max, maxOpen);
    }

    /**
     * This option with values required to be {@code > min}.
     *
     * @param min the lower bound, excluded
     * @return a copy with the bound
     */
    public OptionSpec greaterThan(double min) {
        return new OptionSpec(name, type, defaultValue, required, choices, description, min, true, max, maxOpen);
    }

    /**
     * This option with values required to be {@code <= max}.
     *
     * @param max the upper bound, included
     * @return a copy with the bound
     */
    public OptionSpec atMost(double max) {
        return new OptionSpec(name, type, defaultValue, required, choices, description, min, minOpen, max, false);
    }

    /**
     * This option with values required to be {@code < max}.
     *
     * @param max the upper bound, excluded
     * @return a copy with the bound
     */
    public OptionSpec lessThan(double max) {
        return new OptionSpec(name, type, defaultValue, required, choices, description, min, minOpen, max, true);
    }

    /**
     * An integer option with a default.
     *
     * @param name the key, lower case
     * @param defaultValue the value when absent
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec integer(String name, int defaultValue, String description) {
        return new OptionSpec(name, Type.INTEGER, defaultValue, false, List.of(), description);
    }

    /**
     * A number option with a default.
     *
     * @param name the key, lower case
     * @param defaultValue the value when absent
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec number(String name, double defaultValue, String description) {
        return new OptionSpec(name, Type.NUMBER, defaultValue, false, List.of(), description);
    }

    /**
     * A true/false option with a default.
     *
     * @param name the key, lower case
     * @param defaultValue the value when absent
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec bool(String name, boolean defaultValue, String description) {
        return new OptionSpec(name, Type.BOOLEAN, defaultValue, false, List.of(), description);
    }

    /**
     * A text option with a default ({@code null}: absent unless given).
     *
     * @param name the key, lower case
     * @param defaultValue the value when absent, or null
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec text(String name, String defaultValue, String description) {
        return new OptionSpec(name, Type.TEXT, defaultValue, false, List.of(), description);
    }

    /**
     * A text option that must be one of {@code choices}.
     *
     * @param name the key, lower case
     * @param defaultValue the value when absent (one of the choices), or null
     * @param choices the allowed values
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new OptionSpec(name, Type.TEXT, defaultValue, false, choices, description);
    }

    /**
     * A list option ({@link Type#INTEGER_LIST}, {@link Type#NUMBER_LIST} or {@link Type#TEXT_LIST}).
     *
     * @param name the key, lower case
     * @param type a list type
     * @param defaultValue the value when absent, or null
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec list(String name, Type type, List<?> defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, false, List.of(), description);
    }

    /**
     * An option of {@code type} with no default that must be given.
     *
     * @param name the key, lower case
     * @param type the value's type
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec required(String name, Type type, String description) {
        return new OptionSpec(name, type, null, true, List.of(), description);
    }

    /**
     * An option of {@code type} with no default that may be omitted (then it is absent from the options).
     *
     * @param name the key, lower case
     * @param type the value's type
     * @param description one line for listings
     * @return the declaration
     */
    public static OptionSpec optional(String name, Type type, String description) {
        return new OptionSpec(name, type, null, false, List.of(), description);
    }

    /**
     * Checks {@code given} against {@code specs} and returns the resolved options: every declared option in
     * declaration order (given value converted to its type, else its default; omitted if neither), then nothing
     * else.
     *
     * @param specs the component's declarations
     * @param given the options section as written (key → YAML value)
     * @return the resolved options, unmodifiable
     * @throws ConfigValueException naming the option (relative path {@code key}) for an unknown key, a value of the
     *                              wrong type, a value outside the choices or the bounds, or a missing required option
     */
    public static Map<String, Object> resolve(List<OptionSpec> specs, Map<String, ?> given) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new ConfigValueException(key, "unknown option (known: "
                        + (byName.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byName.keySet()))) + ")");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec s : specs) {
            Object v = given.get(s.name());
            if (v == null && s.required()) {
                throw new ConfigValueException(s.name(), "is required (" + s.type().description()
                        + (s.description().isEmpty() ? "" : ": " + s.description()) + ")");
            }
            Object value = v == null ? s.defaultValue() : convert(s.name(), s.type(), s.choices(), v, s.min(),
                    s.minOpen(), s.max(), s.maxOpen());
            if (value != null) {
                out.put(s.name(), value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object convert(String name, Type type, List<String> choices, Object v, Double min,
                                  boolean minOpen, Double max, boolean maxOpen) {
        switch (type) {
            case INTEGER:
                return inRange(name, integer(name, v), min, minOpen, max, maxOpen);
            case NUMBER:
                return inRange(name, number(name, v), min, minOpen, max, maxOpen);
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    return b;
                }
                throw bad(name, type, v);
            case TEXT:
                if (!(v instanceof String s)) {
                    throw bad(name, type, v);
                }
                if (!choices.isEmpty() && !choices.contains(s)) {
                    throw new ConfigValueException(name, "unknown '" + s + "' (known: " + String.join(", ", choices)
                            + ")");
                }
                return s;
            default:
                if (!(v instanceof List<?> l)) {
                    throw bad(name, type, v);
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    String at = name + "[" + i + "]";
                    Object e = l.get(i);
                    out.add(switch (type) {
                        case INTEGER_LIST -> inRange(at, integer(at, e), min, minOpen, max, maxOpen);
                        case NUMBER_LIST -> inRange(at, number(at, e), min, minOpen, max, maxOpen);
                        default -> {
                            if (!(e instanceof String s)) {
                                throw new ConfigValueException(at, "expected text, got " + show(e));
                            }
                            yield s;
                        }
                    });
                }
                return List.copyOf(out);
        }
    }

    /** {@code v} if it lies in the bounds, else the error {@code must be > 0, got -1} or {@code must be in [0, 1), ...}. */
    private static <N extends Number> N inRange(String name, N v, Double min, boolean minOpen, Double max,
                                                boolean maxOpen) {
        double d = v.doubleValue();
        boolean low = min != null && (minOpen ? !(d > min) : !(d >= min));
        boolean high = max != null && (maxOpen ? !(d < max) : !(d <= max));
        if (low || high) {
            throw new ConfigValueException(name, "must be " + range(min, minOpen, max, maxOpen) + ", got " + show(v));
        }
        return v;
    }

    /** {@code > 0}, {@code <= 1} or {@code in [0, 1)}. */
    static String range(Double min, boolean minOpen, Double max, boolean maxOpen) {
        if (min != null && max != null) {
            return "in " + (minOpen ? "(" : "[") + num(min) + ", " + num(max) + (maxOpen ? ")" : "]");
        }
        if (min != null) {
            return (minOpen ? "> " : ">= ") + num(min);
        }
        return (maxOpen ? "< " : "<= ") + num(max);
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Integer integer(String name, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new ConfigValueException(name, "expected an integer, got " + show(v));
    }

    private static Double number(String name, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ConfigValueException(name, "expected a number, got " + show(v));
    }

    private static ConfigValueException bad(String name, Type type, Object v) {
        return new ConfigValueException(name, "expected " + type.description() + ", got " + show(v));
    }

    private static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "a section of keys";
        }
        return v instanceof List<?> l ? "the list " + l : String.valueOf(v);
    }

    /**
     * A one-line description, e.g. {@code threshold (a number, default 0.05): relative depth jump ...}.
     *
     * @return the line
     */
    public String describe() {
        String d = required ? "required" : defaultValue == null ? "optional" : "default " + defaultValue;
        String c = (choices.isEmpty() ? "" : ", one of " + String.join(", ", choices))
                + (min == null && max == null ? "" : ", " + range(min, minOpen, max, maxOpen));
        return name + " (" + type.description() + c + ", " + d + ")" + (description.isEmpty() ? "" : ": "
                + description);
    }
}
