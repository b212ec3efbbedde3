package org.hirmtl.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation helpers for the records' compact constructors; each failure is a {@link ConfigValueException}. */
public final class Checks {
    private Checks() {
    }

    /**
     * Requires a value.
     *
     * @param field the config key, named in the error
     * @param value the value
     * @param <T>   its type
     * @return {@code value}
     * @throws ConfigValueException {@code is required} when it is null
     */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigValueException(field, "is required");
        }
        return value;
    }

    /**
     * Requires non-blank text.
     *
     * @param field the config key, named in the error
     * @param value the text
     * @return {@code value}
     * @throws ConfigValueException when it is null or blank
     */
    public static String text(String field, String value) {
        if (required(field, value).isBlank()) {
            throw new ConfigValueException(field, "must not be empty");
        }
        return value;
    }

    /**
     * Requires one of the known values.
     *
     * @param field the config key, named in the error
     * @param value the text
     * @param known the allowed values, listed in the error
     * @return {@code value}
     * @throws ConfigValueException when it is blank or not among {@code known}
     */
    public static String oneOf(String field, String value, List<String> known) {
        if (!known.contains(text(field, value))) {
            throw new ConfigValueException(field, unknown(value, known));
        }
        return value;
    }

    /**
     * The message for a value that is not one of the known ones.
     *
     * @param value the value given
     * @param known the allowed values
     * @return {@code unknown 'value' (known: a, b)}, or {@code (known: none)}
     */
    public static String unknown(String value, Iterable<String> known) {
        String names = String.join(", ", known);
        return "unknown '" + value + "' (known: " + (names.isEmpty() ? "none" : names) + ")";
    }

    /**
     * Requires an integer of at least {@code min}.
     *
     * @param field the config key, named in the error
     * @param value the integer
     * @param min   the smallest allowed value
     * @return {@code value}
     * @throws ConfigValueException {@code must be > 0} (for {@code min} 1) or {@code must be >= min}
     */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new ConfigValueException(field, "must be " + (min == 1 ? "> 0" : ">= " + min) + ", got " + value);
        }
        return value;
    }

    /**
     * Requires a finite number greater than 0.
     *
     * @param field the config key, named in the error
     * @param value the number
     * @return {@code value}
     * @throws ConfigValueException when it is not finite or not positive
     */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigValueException(field, "must be a finite number > 0, got " + show(value));
        }
        return value;
    }

    /**
     * Requires a finite number of at least 0.
     *
     * @param field the config key, named in the error
     * @param value the number
     * @return {@code value}
     * @throws ConfigValueException when it is not finite or negative
     */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigValueException(field, "must be a finite number >= 0, got " + show(value));
        }
        return value;
    }

    /**
     * Requires {@code lo <= value <= hi}, or {@code lo <= value < hi} when {@code hiOpen}.
     *
     * @param field  the config key, named in the error
     * @param value  the number
     * @param lo     the lower bound (included)
     * @param hi     the upper bound
     * @param hiOpen whether {@code hi} itself is excluded
     * @return {@code value}
     * @throws ConfigValueException {@code must be in [lo, hi]} (or {@code [lo, hi)}) otherwise
     */
    public static double range(String field, double value, double lo, double hi, boolean hiOpen) {
        boolean ok = value >= lo && (hiOpen ? value < hi : value <= hi);
        if (!ok) {
            String interval = "[" + show(lo) + ", " + show(hi) + (hiOpen ? ")" : "]");
            throw new ConfigValueException(field, "must be in " + interval + ", got " + show(value));
        }
        return value;
    }

    /**
     * An unmodifiable copy without null elements.
     *
     * @param field the config key, named in the error (elements as {@code field[i]})
     * @param value the list
     * @param <T>   the element type
     * @return the copy
     * @throws ConfigValueException when the list or an element is null
     */
    public static <T> List<T> list(String field, List<T> value) {
        required(field, value);
        for (int i = 0; i < value.size(); i++) {
            required(field + "[" + i + "]", value.get(i));
        }
        return List.copyOf(value);
    }

    /**
     * An unmodifiable, order-keeping copy of a free-form map (nested maps and lists copied too).
     *
     * @param field the config key, named in the error
     * @param value the map
     * @return the copy
     * @throws ConfigValueException when the map is null
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> freeForm(String field, Map<String, Object> value) {
        return (Map<String, Object>) deepFreeze(required(field, value));
    }

    private static Object deepFreeze(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepFreeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepFreeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * A number as a user would write it: {@code 3}, {@code 0.95}, {@code 1.0E-4}, {@code NaN}.
     *
     * @param value the number
     * @return its text
     */
    public static String show(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
