package org.hirmtl.task;

import java.util.Map;
import java.util.Set;
import org.hirmtl.api.config.TaskConfig;

/** Reads a task's free-form {@code options} with errors that name the config path. */
public final class TaskOptions {
    private TaskOptions() {
    }

    /** Rejects option keys outside {@code known}. */
    public static void checkKeys(String task, TaskConfig config, Set<String> known) {
        for (String key : config.options().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("tasks." + task + ".options." + key + ": unknown option (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(known))) + ")");
            }
        }
    }

    /** An integer option, or {@code fallback} when absent. */
    public static int integer(String task, TaskConfig config, String key, int fallback) {
        Object v = config.options().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("tasks." + task + ".options." + key + ": expected an integer, got '" + v
                + "'");
    }

    /** A number option, or {@code fallback} when absent. */
    public static double number(String task, TaskConfig config, String key, double fallback) {
        Object v = config.options().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("tasks." + task + ".options." + key + ": expected a number, got '" + v
                + "'");
    }

    /** Options as given (for messages). */
    public static Map<String, Object> all(TaskConfig config) {
        return config.options();
    }
}
