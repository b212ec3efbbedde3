package org.hirmtl.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Name → component for one kind of extension (backbones, tasks, datasets, ...). The toolkit's built-ins and plugins
 * register the same way. When two sources register the same name, the first keeps it and the second's component is
 * registered under {@code SOURCE:name} ({@link #clashes()}), so a clash never costs a plugin its other components; an
 * unknown name lists the known ones.
 *
 * @param <T> the component type (an extension point of {@code org.hirmtl.api})
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
    private final java.util.List<Clash> clashes = new java.util.ArrayList<>();

    /** One registered component and who contributed it ({@code "builtin"} or a plugin id). */
    public record Entry<T>(String name, T component, String source) {
    }

    /** @param kind the kind's name as users see it in messages, e.g. {@code "backbone"} */
    public Registry(String kind) {
        this.kind = kind;
    }

    /** The kind's name. */
    public String kind() {
        return kind;
    }

    /**
     * A name two sources registered: the first keeps it, the second's component is registered under its qualified
     * name {@code SOURCE:name}.
     *
     * @param name      the name both asked for
     * @param kept      the source that keeps the bare name
     * @param source    the source whose component was registered under {@code qualified}
     * @param qualified {@code source:name}
     */
    public record Clash(String name, String kept, String source, String qualified) {
    }

    /**
     * Registers {@code component} under {@code name}; if another source already registered that name, under the
     * qualified name {@code source:name} instead (and the clash is kept, see {@link #clashes()}).
     *
     * @return the name the component was registered under
     * @throws RegistryException if the name is not a valid name, the same source registers it twice, or the
     *                           qualified name is taken too
     */
    public synchronized String register(String name, T component, String source) {
        if (name == null || !name.matches("[a-z][a-z0-9_.-]*")) {
            throw new RegistryException(kind + " name '" + name + "' from " + source
                    + " is not valid (lower case letters, digits, '_', '-', '.'; starting with a letter)");
        }
        Entry<T> old = entries.get(name);
        if (old == null) {
            entries.put(name, new Entry<>(name, component, source));
            return name;
        }
        if (old.source().equals(source)) {
            throw new RegistryException(kind + " '" + name + "' is registered twice by " + source);
        }
        String qualified = source + ":" + name;
        if (entries.containsKey(qualified)) {
            throw new RegistryException(kind + " '" + qualified + "' is registered twice");
        }
        entries.put(qualified, new Entry<>(qualified, component, source));
        clashes.add(new Clash(name, old.source(), source, qualified));
        return qualified;
    }

    /** The names registered twice, in the order the clashes happened. */
    public synchronized java.util.List<Clash> clashes() {
        return java.util.List.copyOf(clashes);
    }

    /** Removes every component contributed by {@code source} (a plugin being unloaded). */
    public synchronized void unregisterSource(String source) {
        entries.values().removeIf(e -> e.source().equals(source));
        clashes.removeIf(c -> c.source().equals(source) || c.kept().equals(source));
    }

    /**
     * The component named {@code name}.
     *
     * @throws RegistryException listing the known names if there is none
     */
    public synchronized T get(String name) {
        Entry<T> e = entry(name);
        if (e == null) {
            throw new RegistryException("unknown " + kind + " '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return e.component();
    }

    /** The component named {@code name}, if registered. */
    public synchronized Optional<T> find(String name) {
        Entry<T> e = entry(name);
        return e == null ? Optional.empty() : Optional.of(e.component());
    }

    /**
     * The entry for {@code name}: a registered name, or a qualified name {@code SOURCE:name} — which also finds the
     * component that {@code SOURCE} registered under the bare name (it was first), so a qualified name always
     * means the same component, whichever plugin loaded first. Null if none.
     */
    public synchronized Entry<T> entry(String name) {
        Entry<T> e = entries.get(name);
        int colon = name == null ? -1 : name.indexOf(':');
        if (e == null && colon > 0) {
            Entry<T> bare = entries.get(name.substring(colon + 1));
            if (bare != null && bare.source().equals(name.substring(0, colon))) {
                return bare;
            }
        }
        return e;
    }

    /**
     * A copy of this registry in which each {@code name → qualified} of {@code pins} makes {@code name} stand for
     * the component {@code qualified} resolves to ({@link #entry}); pins whose target is not registered are left
     * out (the plugin is not loaded: whoever needs it says so).
     */
    public synchronized Registry<T> pinned(Map<String, String> pins) {
        Registry<T> copy = new Registry<>(kind);
        copy.entries.putAll(entries);
        copy.clashes.addAll(clashes);
        pins.forEach((name, qualified) -> {
            Entry<T> target = entry(qualified);
            if (target != null) {
                copy.entries.put(name, new Entry<>(name, target.component(), target.source()));
            }
        });
        return copy;
    }

    /** The registered names, sorted. */
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(entries.keySet()));
    }

    /** All entries, in registration order. */
    public synchronized java.util.List<Entry<T>> entries() {
        return java.util.List.copyOf(entries.values());
    }
}
