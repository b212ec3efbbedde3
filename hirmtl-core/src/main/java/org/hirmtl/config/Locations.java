package org.hirmtl.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML path ({@code model.fusion.type}, {@code data.augment.scale[1]}) → where that key or element was written.
 * Later sources overwrite earlier ones; replacing a subtree drops the old subtree's entries.
 */
final class Locations {
    private final Map<String, Location> byPath = new HashMap<>();

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** The enclosing path, "" at the top. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** Joins Jackson-style segments (String keys, Integer indices) into a YAML path. */
    static String join(List<Object> segments) {
        String path = "";
        for (Object s : segments) {
            path = s instanceof Integer i ? index(path, i) : child(path, (String) s);
        }
        return path;
    }

    void put(String path, Location where) {
        if (where != null) {
            byPath.put(path, where);
        }
    }

    /** Where {@code path} or, failing that, its nearest enclosing key was written; null if nowhere. */
    Location find(String path) {
        for (String p = path; ; p = parent(p)) {
            Location l = byPath.get(p);
            if (l != null || p.isEmpty()) {
                return l;
            }
        }
    }

    /** Forgets {@code path} and everything under it, then takes those entries from {@code source}. */
    void replaceUnder(String path, Locations source) {
        byPath.keySet().removeIf(p -> isUnder(p, path));
        if (source != null) {
            source.byPath.forEach((p, l) -> {
                if (isUnder(p, path)) {
                    byPath.put(p, l);
                }
            });
        }
    }

    /** Marks {@code path} and every key and element of {@code value} below it as coming from {@code where}. */
    void putAll(String path, Object value, Location where) {
        put(path, where);
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> putAll(child(path, (String) k), v, where));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                putAll(index(path, i), l.get(i), where);
            }
        }
    }

    private static boolean isUnder(String p, String path) {
        return p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "[");
    }
}
