package org.hirmtl.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hirmtl.config.ComponentCatalog;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Dataset;
import org.hirmtl.data.DerivedTargets;
import org.hirmtl.spi.BackboneFactory;
import org.hirmtl.spi.ComponentProvider;
import org.hirmtl.spi.DatasetFactory;
import org.hirmtl.spi.ExchangeFactory;
import org.hirmtl.spi.FusionFactory;
import org.hirmtl.spi.HeadFactory;
import org.hirmtl.spi.ScaleStageFactory;
import org.hirmtl.spi.TaskProvider;
import org.hirmtl.spi.WeightingFactory;

/**
 * The registries of every extension kind. {@link #withBuiltins()} registers the toolkit's own components through
 * {@link BuiltinComponents}, the same {@link ComponentProvider} path that plugins use. Also the
 * {@link ComponentCatalog} the config loader checks names against.
 */
public final class Components implements ComponentCatalog {
    private final Registry<DatasetFactory> datasets = new Registry<>("dataset");
    private final Registry<BackboneFactory> backbones = new Registry<>("backbone");
    private final Registry<ScaleStageFactory> scaleStages = new Registry<>("scale stage");
    private final Registry<FusionFactory> fusions = new Registry<>("fusion");
    private final Registry<ExchangeFactory> exchanges = new Registry<>("exchange");
    private final Registry<HeadFactory> heads = new Registry<>("head");
    private final Registry<TaskProvider> tasks = new Registry<>("task");
    private final Registry<WeightingFactory> weightings = new Registry<>("weighting");

    /** The dataset layouts, by {@code data.type} name. */
    public Registry<DatasetFactory> datasets() {
        return datasets;
    }

    /** Backbones, by {@code model.backbone.type}. */
    public Registry<BackboneFactory> backbones() {
        return backbones;
    }

    /** Scale-level stages ({@code stf}, and {@code shared} when {@code model.stf.enabled} is false). */
    public Registry<ScaleStageFactory> scaleStages() {
        return scaleStages;
    }

    /** Fusions, by {@code model.fusion.type}. */
    public Registry<FusionFactory> fusions() {
        return fusions;
    }

    /** Exchanges, by {@code model.exchange.type}. */
    public Registry<ExchangeFactory> exchanges() {
        return exchanges;
    }

    /** Heads, by {@code model.head.type}. */
    public Registry<HeadFactory> heads() {
        return heads;
    }

    /** Tasks, by their names under {@code tasks:}. */
    public Registry<TaskProvider> tasks() {
        return tasks;
    }

    /** Loss weightings, by {@code train.weighting.type}. */
    public Registry<WeightingFactory> weightings() {
        return weightings;
    }

    private final Map<String, String> plugins = new LinkedHashMap<>();

    /** Records that plugin {@code id} at {@code version} is loaded (its components use {@code id} as source). */
    public synchronized void recordPlugin(String id, String version) {
        plugins.put(id, version);
    }

    /** Plugin id → version of every loaded plugin. */
    public synchronized Map<String, String> plugins() {
        return Map.copyOf(plugins);
    }

    /**
     * The plugins (id → version) whose components a model built from {@code config} uses: its backbone, scale
     * stage, fusion, exchange, head and tasks. Recorded in checkpoints; built-ins are not listed.
     */
    public synchronized Map<String, String> pluginsUsedBy(ExperimentConfig config) {
        Map<String, String> out = new TreeMap<>();
        var m = config.model();
        addSource(out, backbones, m.backbone().type());
        addSource(out, scaleStages, m.stf().enabled() ? "stf" : "shared");
        addSource(out, fusions, m.fusion().type());
        addSource(out, exchanges, m.exchange().type());
        addSource(out, heads, m.head().type());
        config.taskNames().forEach(t -> addSource(out, tasks, t));
        return out;
    }

    private <T> void addSource(Map<String, String> out, Registry<T> r, String name) {
        for (Registry.Entry<T> e : r.entries()) {
            if (e.name().equals(name) && plugins.containsKey(e.source())) {
                out.put(e.source(), plugins.get(e.source()));
            }
        }
    }

    /**
     * Checks that every plugin a checkpoint needs is loaded.
     *
     * @param needed plugin id → version recorded in the checkpoint
     * @param what the checkpoint, for the message
     * @throws RegistryException naming the missing plugins
     */
    public synchronized void requirePlugins(Map<String, String> needed, String what) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        new TreeMap<>(needed).forEach((id, v) -> {
            if (!plugins.containsKey(id)) {
                missing.add(id + " " + v);
            }
        });
        if (!missing.isEmpty()) {
            throw new RegistryException(what + " needs plugin" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + ", not loaded (put the JAR in ./plugins or ~/.hirmtl/plugins, or "
                    + "give --plugins DIR; 'hirmtl plugins list' shows what is loaded)");
        }
    }

    /** Registers everything {@code provider} contributes, under its id. */
    public void install(ComponentProvider provider) {
        provider.contribute(this);
    }

    /** A fresh set of registries holding the built-in components. */
    public static Components withBuiltins() {
        Components c = new Components();
        c.install(new BuiltinComponents());
        return c;
    }

    @Override
    public Set<String> names(String kind) {
        Registry<?> r = switch (kind) {
            case BACKBONE -> backbones;
            case FUSION -> fusions;
            case EXCHANGE -> exchanges;
            case HEAD -> heads;
            case TASK -> tasks;
            case DATASET -> datasets;
            case WEIGHTING -> weightings;
            default -> null;
        };
        return r == null ? Set.of() : new LinkedHashSet<>(r.names());
    }

    /**
     * Opens the dataset in {@code root} as {@code type}, or, for type {@code auto}, as the first registered layout
     * that recognises the folder. Targets that registered tasks derive from the dataset's own are added
     * ({@link DerivedTargets}).
     *
     * @throws RegistryException for an unknown type or a folder no layout recognises
     */
    public Dataset openDataset(String type, Path root) throws IOException {
        if (!"auto".equals(type)) {
            return withDerived(datasets.get(type).open(root));
        }
        List<Registry.Entry<DatasetFactory>> all = datasets.entries();
        for (Registry.Entry<DatasetFactory> e : all) {
            if (e.component().recognises(root)) {
                return withDerived(e.component().open(root));
            }
        }
        throw new RegistryException(root + " is not a dataset of a known layout (known: "
                + String.join(", ", datasets.names()) + "); give the type with --type");
    }

    private Dataset withDerived(Dataset d) {
        List<TaskProvider> all = new java.util.ArrayList<>();
        tasks.entries().forEach(e -> all.add(e.component()));
        return DerivedTargets.wrap(d, all);
    }
}
