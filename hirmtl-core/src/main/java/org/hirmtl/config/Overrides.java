package org.hirmtl.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --set a.b.c=value} overrides. The value is parsed as YAML ({@code 3}, {@code 1e-4}, {@code adam},
 * {@code [0.8,1.2]}, {@code {type: sgd}}). The path must already exist in the merged config (which holds every key),
 * except inside free-form {@code options} sections, where new keys may be added.
 */
final class Overrides {
    private Overrides() {
    }

    static void apply(Map<String, Object> root, Locations locations, String argument) {
        Location where = Location.override(argument);
        int eq = argument.indexOf('=');
        String key = eq < 0 ? "" : argument.substring(0, eq).trim();
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new ConfigException("", "expected key.path=value", where);
        }
        Object value = YamlReader.readValue(argument.substring(eq + 1), where);
        String[] segments = key.split("\\.");
        Map<String, Object> parent = root;
        String parentPath = "";
        for (int i = 0; i < segments.length; i++) {
            String path = Locations.child(parentPath, segments[i]);
            boolean freeForm = isFreeForm(parentPath);
            if (!parent.containsKey(segments[i]) && !freeForm) {
                throw ConfigException.unknownOverride(path, "known: " + known(parent), where);
            }
            if (i == segments.length - 1) {
                set(parent, segments[i], path, value, locations, where);
                return;
            }
            Object next = parent.get(segments[i]);
            if (next == null && freeForm) {
                next = new LinkedHashMap<String, Object>();
                parent.put(segments[i], next);
            }
            if (!(next instanceof Map<?, ?> section)) {
                throw ConfigException.unknownOverride(Locations.child(path, segments[i + 1]),
                        path + " is a value, not a section", where);
            }
            parent = TreeMerge.asTree(section);
            parentPath = path;
        }
    }

    private static void set(Map<String, Object> parent, String key, String path, Object value, Locations locations,
                            Location where) {
        Locations overlay = new Locations();
        overlay.putAll(path, value, where);
        Map<String, Object> single = new LinkedHashMap<>();
        single.put(key, value);
        TreeMerge.merge(parent, single, Locations.parent(path), locations, overlay);
        locations.put(path, where);
    }

    private static boolean isFreeForm(String path) {
        for (String segment : path.split("[.\\[]")) {
            if (segment.equals("options")) {
                return true;
            }
        }
        return false;
    }

    private static String known(Map<String, Object> section) {
        return section.isEmpty() ? "none" : String.join(", ", section.keySet());
    }
}
