package org.hirmtl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep merge of config trees: maps merge key by key; lists and scalars are replaced; an empty section ({@code key:}
 * with nothing under it) over a map changes nothing. {@code tasks} is replaced as a whole, so a file can drop tasks.
 */
final class TreeMerge {
    /** Paths whose maps replace instead of merging. */
    static final Set<String> REPLACED = Set.of("tasks");

    private TreeMerge() {
    }

    /**
     * Merges {@code overlay} into {@code target} (in place), keeping {@code locations} in step.
     *
     * @param path the path of {@code target}; "" at the top
     * @param overlayLocations where the overlay's paths were written (null if not tracked)
     */
    static void merge(Map<String, Object> target, Map<String, Object> overlay, String path, Locations locations,
                      Locations overlayLocations) {
        overlay.forEach((key, value) -> {
            String p = Locations.child(path, key);
            Object old = target.get(key);
            if (old instanceof Map<?, ?> && value == null) {
                return;
            }
            if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap && !REPLACED.contains(p)) {
                if (overlayLocations != null) {
                    locations.put(p, overlayLocations.find(p));
                }
                merge(asTree(oldMap), asTree(newMap), p, locations, overlayLocations);
            } else {
                target.put(key, copy(value));
                locations.replaceUnder(p, overlayLocations);
            }
        });
    }

    /** A deep, mutable copy of a tree value. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asTree(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
