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

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigValueException(field, "is required");
        }
        return value;
    }

    public static String text(String field, String value) {
        if (required(field, value).isBlank()) {
            throw new ConfigValueException(field, "must not be empty");
        }
        return value;
    }

    public static String oneOf(String field, String value, List<String> known) {
        if (!known.contains(text(field, value))) {
            throw new ConfigValueException(field, unknown(value, known));
        }
        return value;
    }

    public static String unknown(String value, Iterable<String> known) {
        String names = String.join(", ", known);
        return "unknown '" + value + "' (known: " + (names.isEmpty() ? "none" : names) + ")";
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new ConfigValueException(field, "must be " + (min == 1 ? "> 0" : ">= " + min) + ", got " + value);
        }
        return value;
    }

    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigValueException(field, "must be a finite number > 0, got " + show(value));
        }
        return value;
    }

    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigValueException(field, "must be a finite number >= 0, got " + show(value));
        }
        return value;
    }

    /** {@code lo <= value <= hi}, or {@code lo <= value < hi} when {@code hiOpen}. */
    public static double range(String field, double value, double lo, double hi, boolean hiOpen) {
        boolean ok = value >= lo && (hiOpen ? value < hi : value <= hi);
        if (!ok) {
            String interval = "[" + show(lo) + ", " + show(hi) + (hiOpen ? ")" : "]");
            throw new ConfigValueException(field, "must be in " + interval + ", got " + show(value));
        }
        return value;
    }

    /** An unmodifiable copy without null elements. */
    public static <T> List<T> list(String field, List<T> value) {
        required(field, value);
        for (int i = 0; i < value.size(); i++) {
            required(field + "[" + i + "]", value.get(i));
        }
        return List.copyOf(value);
    }

    /** An unmodifiable, order-keeping copy of a free-form map (nested maps and lists copied too). */
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

    /** A number as a user would write it: {@code 3}, {@code 0.95}, {@code 1.0E-4}, {@code NaN}. */
    public static String show(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
