package org.hirmtl.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.config.Checks;

/**
 * Completes the {@code tasks} section from the per-task table ({@code task_defaults} in the built-in defaults):
 * {@code tasks: [semseg, depth]} becomes a map, {@code semseg:} (empty) or {@code semseg: 2} (a bare weight) become
 * entries, and every entry is merged over its task's table entry. Task names are checked against the catalogue; a
 * task without a table entry (a plugin's) must give its weight.
 */
final class TaskDefaults {
    private final Map<String, Object> table;
    private final Set<String> known;

    /**
     * @param table task name → {@code {weight, options}} defaults
     * @param known the task names that may be used (checked here, before a missing weight is reported)
     */
    TaskDefaults(Map<String, Object> table, Set<String> known) {
        this.table = table;
        this.known = known;
    }

    /** Completes {@code root.tasks} in place; leaves values of the wrong type for the binder to report. */
    void complete(Map<String, Object> root, Locations locations) {
        Object tasks = root.get("tasks");
        if (tasks instanceof List<?> names) {
            tasks = fromList(names, locations);
            root.put("tasks", tasks);
        }
        if (tasks instanceof Map<?, ?> map) {
            Map<String, Object> completed = new LinkedHashMap<>();
            map.forEach((name, entry) -> completed.put((String) name, complete((String) name, entry, locations)));
            root.put("tasks", completed);
        }
    }

    private Map<String, Object> fromList(List<?> names, Locations locations) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String at = Locations.index("tasks", i);
            if (!(names.get(i) instanceof String name) || name.isBlank()) {
                throw new ConfigException(at, "expected a task name, got " + ConfigBinder.show(names.get(i)),
                        locations.find(at));
            }
            String path = Locations.child("tasks", name);
            if (map.containsKey(name)) {
                throw new ConfigException(path, "task listed twice", locations.find(at));
            }
            locations.put(path, locations.find(at));
            map.put(name, null);
        }
        return map;
    }

    private Object complete(String name, Object entry, Locations locations) {
        String path = Locations.child("tasks", name);
        if (!known.contains(name)) {
            String detail = Checks.unknown(name, known).replaceFirst("unknown", "unknown task");
            if (known.stream().noneMatch(k -> EditDistance.between(k, name) <= 2)) { // not a typo: a plugin's task?
                detail += "; no loaded plugin provides it (put its JAR in ./plugins or ~/.hirmtl/plugins, or give "
                        + "--plugins DIR; 'hirmtl plugins list' shows what is loaded)";
            }
            throw new ConfigException(path, detail, locations.find(path));
        }
        if (entry == null) {
            entry = new LinkedHashMap<String, Object>();
        } else if (entry instanceof Number weight) {
            entry = new LinkedHashMap<String, Object>(Map.of("weight", weight));
        } else if (!(entry instanceof Map<?, ?>)) {
            return entry;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (table.get(name) instanceof Map<?, ?> defaults) {
            merged = TreeMerge.asTree((Map<?, ?>) TreeMerge.copy(defaults));
        }
        TreeMerge.merge(merged, TreeMerge.asTree((Map<?, ?>) entry), path, new Locations(), null);
        if (!merged.containsKey("weight")) {
            throw new ConfigException(Locations.child(path, "weight"), "is required (task '" + name
                    + "' has no built-in default weight)", locations.find(path));
        }
        merged.putIfAbsent("options", new LinkedHashMap<String, Object>());
        return merged;
    }
}
