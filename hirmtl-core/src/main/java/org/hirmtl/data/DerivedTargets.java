package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
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
    private final Map<String, TaskConfig> configs;

    private DerivedTargets(Dataset base, Map<String, TaskProvider> derived, Map<String, TaskConfig> configs) {
        this.base = base;
        this.derived = derived;
        this.configs = configs;
    }

    /**
     * Wraps {@code base} if any of {@code tasks} can be derived from its targets; otherwise returns {@code base}.
     *
     * @param tasks   every registered task
     * @param configs the experiment's task configs (options resolved); a derivable task without one gets its declared
     *                option defaults
     */
    public static Dataset wrap(Dataset base, List<TaskProvider> tasks, Map<String, TaskConfig> configs) {
        Map<String, TaskProvider> derived = new LinkedHashMap<>();
        Map<String, TaskConfig> used = new LinkedHashMap<>();
        for (TaskProvider t : tasks) {
            if (!base.tasks().contains(t.name()) && !t.derivedFrom().isEmpty()
                    && base.tasks().containsAll(t.derivedFrom())) {
                derived.put(t.name(), t);
                TaskConfig c = configs.get(t.name());
                used.put(t.name(), c != null ? c : new TaskConfig(1.0, OptionSpec.resolve(t.options(), Map.of())));
            }
        }
        return derived.isEmpty() ? base : new DerivedTargets(base, derived, used);
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
                targets.put(t, d.deriveTarget(sources, configs.get(t)));
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

    @Override
    public List<String> classNames(String task) {
        return base.classNames(task);
    }
}
