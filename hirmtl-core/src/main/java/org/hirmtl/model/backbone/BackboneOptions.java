package org.hirmtl.model.backbone;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validated access to a backbone's free-form {@code model.backbone.options} and {@code model.backbone.widths}.
 * Every failure is an {@link IllegalArgumentException} naming the config key, the bad value and what is allowed.
 */
final class BackboneOptions {
    static final String WIDTHS = "model.backbone.widths";
    static final String OPTIONS = "model.backbone.options";

    private final String backbone;
    private final Map<String, Object> values;

    private BackboneOptions(String backbone, Map<String, Object> values) {
        this.backbone = backbone;
        this.values = values;
    }

    /** Rejects keys not in {@code known}. */
    static BackboneOptions of(String backbone, Map<String, Object> values, Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(OPTIONS + ": unknown option '" + key + "' for backbone " + backbone
                        + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return new BackboneOptions(backbone, values);
    }

    /** Exactly four stage widths, or {@code defaults} when none are configured. */
    static int[] widths(String backbone, List<Integer> widths, int[] defaults) {
        if (widths.isEmpty()) {
            return defaults.clone();
        }
        if (widths.size() != defaults.length) {
            throw new IllegalArgumentException(WIDTHS + ": backbone " + backbone + " needs exactly " + defaults.length
                    + " widths (one per output at strides 4, 8, 16, 32) or none for the defaults "
                    + Arrays.toString(defaults) + ", got " + widths.size() + ": " + widths);
        }
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One of {@code allowed}, default {@code fallback}. */
    String choice(String key, String fallback, List<String> allowed) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String s = v.toString();
        if (!allowed.contains(s)) {
            throw bad(key, "unknown '" + s + "' (known: " + String.join(", ", allowed) + ")");
        }
        return s;
    }

    /** A positive integer, default {@code fallback}. */
    int positive(String key, int fallback) {
        Object v = values.get(key);
        return v == null ? fallback : positive(key, v);
    }

    /**
     * {@code size} positive integers, given as a list of that size or as one number for all; default
     * {@code fallback}.
     */
    int[] positives(String key, int[] fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback.clone();
        }
        int[] out = new int[fallback.length];
        if (v instanceof List<?> list) {
            if (list.size() != out.length) {
                throw bad(key, "needs " + out.length + " entries (or one number for all), got " + list);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = positive(key + "[" + i + "]", list.get(i));
            }
        } else {
            Arrays.fill(out, positive(key, v));
        }
        return out;
    }

    private int positive(String key, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 1 && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw bad(key, "must be an integer > 0, got " + v);
    }

    private IllegalArgumentException bad(String key, String detail) {
        return new IllegalArgumentException(OPTIONS + "." + key + ": " + detail + " (backbone " + backbone + ")");
    }
}
