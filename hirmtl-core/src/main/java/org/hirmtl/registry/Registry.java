package org.hirmtl.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Name → component for one kind of extension (backbones, tasks, datasets, ...). The toolkit's built-ins and plugins
 * register the same way; a duplicate name is an error naming both sources, an unknown name lists the known ones.
 *
 * @param <T> the component type (an extension point of {@code org.hirmtl.api})
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

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
     * Registers {@code component} under {@code name}.
     *
     * @throws RegistryException if the name is taken or not a valid name
     */
    public synchronized void register(String name, T component, String source) {
        if (name == null || !name.matches("[a-z][a-z0-9_.-]*")) {
            throw new RegistryException(kind + " name '" + name + "' from " + source
                    + " is not valid (lower case letters, digits, '_', '-', '.'; starting with a letter)");
        }
        Entry<T> old = entries.get(name);
        if (old != null) {
            throw new RegistryException(kind + " '" + name + "' from " + source + " clashes with the one from "
                    + old.source());
        }
        entries.put(name, new Entry<>(name, component, source));
    }

    /** Removes every component contributed by {@code source} (a plugin being unloaded). */
    public synchronized void unregisterSource(String source) {
        entries.values().removeIf(e -> e.source().equals(source));
    }

    /**
     * The component named {@code name}.
     *
     * @throws RegistryException listing the known names if there is none
     */
    public synchronized T get(String name) {
        Entry<T> e = entries.get(name);
        if (e == null) {
            throw new RegistryException("unknown " + kind + " '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return e.component();
    }

    /** The component named {@code name}, if registered. */
    public synchronized Optional<T> find(String name) {
        Entry<T> e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(e.component());
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
