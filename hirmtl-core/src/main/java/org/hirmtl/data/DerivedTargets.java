package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;

/**
 * A dataset plus the targets that tasks compute from its own ({@link TaskProvider#derivedFrom()}): a task whose
 * sources the dataset has is listed in {@link #tasks()}, and loading it loads the sources, derives the target and
 * hands out only what was asked for. Tasks with their own target files are never derived.
 */
public final class DerivedTargets implements Dataset {
    private final Dataset base;
    private final Map<String, TaskProvider> derived;

    private DerivedTargets(Dataset base, Map<String, TaskProvider> derived) {
        this.base = base;
        this.derived = derived;
    }

    /**
     * Wraps {@code base} if any of {@code tasks} can be derived from its targets; otherwise returns {@code base}.
     *
     * @param tasks every registered task
     */
    public static Dataset wrap(Dataset base, List<TaskProvider> tasks) {
        Map<String, TaskProvider> derived = new LinkedHashMap<>();
        for (TaskProvider t : tasks) {
            if (!base.tasks().contains(t.name()) && !t.derivedFrom().isEmpty()
                    && base.tasks().containsAll(t.derivedFrom())) {
                derived.put(t.name(), t);
            }
        }
        return derived.isEmpty() ? base : new DerivedTargets(base, derived);
    }

    /** The dataset whose targets are derived from. */
    public Dataset base() {
        return base;
    }

    @Override
    public String type() {
        return base.type();
    }

    @Override
    public Path root() {
        return base.root();
    }

    @Override
    public Set<String> tasks() {
        Set<String> all = new LinkedHashSet<>(base.tasks());
        all.addAll(derived.keySet());
        return all;
    }

    @Override
    public List<String> splits() throws IOException {
        return base.splits();
    }

    @Override
    public List<String> ids(String split) throws IOException {
        return base.ids(split);
    }

    @Override
    public Sample load(String id, Set<String> tasks) throws IOException {
        Set<String> load = new LinkedHashSet<>();
        for (String t : tasks) {
            if (derived.containsKey(t)) {
                load.addAll(derived.get(t).derivedFrom());
            } else {
                load.add(t);
            }
        }
        Sample s = base.load(id, load);
        Map<String, DenseMap> targets = new LinkedHashMap<>();
        for (String t : tasks) {
            TaskProvider d = derived.get(t);
            if (d == null) {
                if (s.target(t) != null) {
                    targets.put(t, s.target(t));
                }
                continue;
            }
            Map<String, DenseMap> sources = new LinkedHashMap<>();
            for (String src : d.derivedFrom()) {
                sources.put(src, s.target(src));
            }
            if (!sources.containsValue(null)) {
                targets.put(t, d.deriveTarget(sources));
            }
        }
        return new Sample(s.id(), s.image(), targets);
    }

    @Override
    public Path imageFile(String id) {
        return base.imageFile(id);
    }

    @Override
    public Path targetFile(String task, String id) {
        TaskProvider d = derived.get(task);
        return d == null ? base.targetFile(task, id) : base.targetFile(d.derivedFrom().iterator().next(), id);
    }
}
