package org.hirmtl.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows {@code extends} (a file name or a list, relative to the extending file's folder) and orders the files so
 * each comes after its bases, each file once (a base shared by two parents is applied once, before both). A cycle is
 * an error naming the chain.
 */
final class Includes {
    /** A file of the chain. */
    record Source(Path file, YamlReader.Doc doc) {
    }

    private final Map<Path, Path> stack = new LinkedHashMap<>();
    private final Set<Path> done = new HashSet<>();
    private final List<Source> ordered = new ArrayList<>();

    private Includes() {
    }

    /** {@code file} and its bases, bases first. */
    static List<Source> resolve(Path file) {
        Includes includes = new Includes();
        includes.visit(file, null);
        return includes.ordered;
    }

    private void visit(Path file, Location from) {
        Path key = canonical(file);
        if (stack.containsKey(key)) {
            List<String> chain = new ArrayList<>();
            boolean inCycle = false;
            for (Map.Entry<Path, Path> e : stack.entrySet()) {
                inCycle |= e.getKey().equals(key);
                if (inCycle) {
                    chain.add(e.getValue().toString());
                }
            }
            chain.add(file.toString());
            throw new ConfigException("extends", "cycle " + String.join(" -> ", chain), from);
        }
        if (done.contains(key)) {
            return;
        }
        if (from != null && !Files.isRegularFile(file)) {
            throw new ConfigException("extends", "cannot read " + file + ": no such file", from);
        }
        YamlReader.Doc doc = YamlReader.readFile(file);
        stack.put(key, file);
        Object bases = doc.tree().remove("extends");
        List<Object> names = bases instanceof List<?> l ? new ArrayList<>(l) : bases == null ? List.of() : List.of(bases);
        for (int i = 0; i < names.size(); i++) {
            String at = bases instanceof List<?> ? Locations.index("extends", i) : "extends";
            if (!(names.get(i) instanceof String name) || name.isBlank()) {
                throw new ConfigException(at, "expected a file name, got " + ConfigBinder.show(names.get(i)),
                        doc.locations().find(at));
            }
            Path dir = file.getParent();
            visit((dir == null ? Path.of(name) : dir.resolve(name)).normalize(), doc.locations().find(at));
        }
        stack.remove(key);
        done.add(key);
        ordered.add(new Source(file, doc));
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
