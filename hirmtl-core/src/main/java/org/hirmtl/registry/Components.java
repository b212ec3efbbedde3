package org.hirmtl.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.Component;
import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.DatasetFactory;
import org.hirmtl.api.ExchangeFactory;
import org.hirmtl.api.FusionFactory;
import org.hirmtl.api.HeadFactory;
import org.hirmtl.api.Kind;
import org.hirmtl.api.Registrar;
import org.hirmtl.api.ScaleStageFactory;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.config.ComponentCatalog;
import org.hirmtl.config.DataConfig;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.DerivedTargets;
import org.hirmtl.data.synth.SynthListener;
import org.hirmtl.data.synth.SyntheticCache;

/**
 * The registries of every {@link Kind} of component. The toolkit's own components are registered by
 * {@code org.hirmtl.builtin.BuiltinComponents}, through the same {@link ComponentProvider} path that plugins use
 * (this package knows none of them); each provider gets a
 * {@link Registrar} bound to its id ({@link #registrar}). Also the {@link ComponentCatalog} the config loader checks
 * names against, so validation always sees what is registered now, plugins included.
 */
public final class Components implements ComponentCatalog {
    private final Map<Kind, Registry<?>> registries = new EnumMap<>(Kind.class);
    private final Map<String, String> plugins = new LinkedHashMap<>();
    private final Map<String, String> notLoaded = new LinkedHashMap<>();

    /** Empty registries (no built-ins). */
    public Components() {
        for (Kind k : Kind.values()) {
            registries.put(k, new Registry<>(k.label()));
        }
    }

    /** The registry of {@code kind}. */
    public Registry<?> registry(Kind kind) {
        return registries.get(kind);
    }

    @SuppressWarnings("unchecked")
    private <T> Registry<T> typed(Kind kind) {
        return (Registry<T>) registries.get(kind);
    }

    /** The dataset layouts, by {@code data.type} name. */
    public Registry<DatasetFactory> datasets() {
        return typed(Kind.DATASET);
    }

    /** Backbones, by {@code model.backbone.type}. */
    public Registry<BackboneFactory> backbones() {
        return typed(Kind.BACKBONE);
    }

    /** Scale stages, by {@code model.stf.type}. */
    public Registry<ScaleStageFactory> scaleStages() {
        return typed(Kind.SCALE_STAGE);
    }

    /** Fusions, by {@code model.fusion.type}. */
    public Registry<FusionFactory> fusions() {
        return typed(Kind.FUSION);
    }

    /** Exchanges, by {@code model.exchange.type}. */
    public Registry<ExchangeFactory> exchanges() {
        return typed(Kind.EXCHANGE);
    }

    /** Heads, by {@code model.head.type}. */
    public Registry<HeadFactory> heads() {
        return typed(Kind.HEAD);
    }

    /** Tasks, by their key under {@code tasks}. */
    public Registry<TaskProvider> tasks() {
        return typed(Kind.TASK);
    }

    /** Loss weightings, by {@code train.weighting.type}. */
    public Registry<WeightingFactory> weightings() {
        return typed(Kind.WEIGHTING);
    }

    /**
     * A registrar that registers with {@code source} as the source of every component (the built-ins' id or a
     * plugin's id): what {@link #install} hands a provider.
     */
    public Registrar registrar(String source) {
        return new Registrar() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public void register(Kind kind, String name, Object component) {
                if (!kind.type().isInstance(component)) {
                    throw new RegistryException(kind.label() + " '" + name + "' from " + source + " is a "
                            + (component == null ? "null" : component.getClass().getName()) + ", not a "
                            + kind.type().getName());
                }
                Components.this.<Object>typed(kind).register(name, component, source);
            }
        };
    }

    /**
     * Records that plugin {@code id} was found but did not load, so that a checkpoint needing it can say why.
     *
     * @param where the file and the reason, e.g. {@code plugins/x.jar but not loaded: built for toolkit 2.x}
     */
    public synchronized void recordNotLoaded(String id, String where) {
        notLoaded.put(id, where);
    }

    /** Every clash of names between sources, over all kinds, as {@code kind: clash}. */
    public List<String> clashes() {
        List<String> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (Registry.Clash c : registries.get(k).clashes()) {
                out.add(k.label() + " '" + c.name() + "' of " + c.source() + " is registered as '" + c.qualified()
                        + "': the name stays with " + c.kept() + "'s");
            }
        }
        return out;
    }

    /** Records that plugin {@code id} (version {@code version}) is loaded. */
    public synchronized void recordPlugin(String id, String version) {
        plugins.put(id, version);
    }

    /** Loaded plugins: id → version. */
    public synchronized Map<String, String> plugins() {
        return Map.copyOf(plugins);
    }

    /** The plugin (id, or {@code builtin}) that registered {@code name} of {@code kind}, if any. */
    public String sourceOf(Kind kind, String name) {
        Registry.Entry<?> e = registries.get(kind).entry(name);
        return e == null ? null : e.source();
    }

    /**
     * The qualified name ({@code PLUGIN-ID:name}) of every plugin component {@code config} names, keyed by
     * {@code kind/name} as the config names it (e.g. {@code weighting/inverse-loss → acme:inverse-loss}): what a
     * checkpoint records so that the same components are found again when another plugin that registers one of the
     * names loads first. Built-ins are not listed (their names are theirs).
     */
    public synchronized Map<String, String> qualifiedNames(ExperimentConfig config) {
        Map<String, String> out = new TreeMap<>();
        config.componentNames().forEach((kind, names) -> {
            for (String name : names) {
                String source = sourceOf(kind, name);
                if (source != null && plugins.containsKey(source)) {
                    String bare = name.startsWith(source + ":") ? name.substring(source.length() + 1) : name;
                    out.put(pinKey(kind, name), source + ":" + bare);
                }
            }
        });
        return out;
    }

    /**
     * These registries with the names a checkpoint recorded ({@link #qualifiedNames}) pinned to the components they
     * named then: {@code kind/name → PLUGIN-ID:name}. Unknown kinds and plugins that are not loaded are skipped
     * ({@link #requirePlugins} reports those). Loaded plugins, and those that did not load, are shared.
     */
    public Components pinnedTo(Map<String, String> qualified) {
        if (qualified.isEmpty()) {
            return this;
        }
        Map<Kind, Map<String, String>> byKind = new EnumMap<>(Kind.class);
        qualified.forEach((key, target) -> {
            int slash = key.indexOf('/');
            Kind kind = slash <= 0 ? null : kindOf(key.substring(0, slash));
            if (kind != null) {
                byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key.substring(slash + 1), target);
            }
        });
        Components c = new Components();
        synchronized (this) {
            for (Kind k : Kind.values()) {
                c.registries.put(k, registries.get(k).pinned(byKind.getOrDefault(k, Map.of())));
            }
            c.plugins.putAll(plugins);
            c.notLoaded.putAll(notLoaded);
        }
        return c;
    }

    private static String pinKey(Kind kind, String name) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }

    private static Kind kindOf(String key) {
        for (Kind k : Kind.values()) {
            if (k.name().toLowerCase(java.util.Locale.ROOT).equals(key)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The plugins a run with {@code config} uses, each with its version and whether inference needs it (some
     * component of that plugin is of an {@linkplain Kind#inference() inference kind}). Built-ins are not listed.
     */
    public synchronized Map<String, PluginUse> pluginsUsedBy(ExperimentConfig config) {
        Map<String, PluginUse> out = new TreeMap<>();
        config.componentNames().forEach((kind, names) -> {
            for (String name : names) {
                String source = sourceOf(kind, name);
                if (source != null && plugins.containsKey(source)) {
                    PluginUse old = out.get(source);
                    boolean inference = kind.inference() || (old != null && old.inference());
                    out.put(source, new PluginUse(plugins.get(source), inference));
                }
            }
        });
        return out;
    }

    /**
     * Fails unless every plugin in {@code needed} is loaded.
     *
     * @param needed plugin id → version, as recorded in a checkpoint
     * @param what   what needs them, for the message (e.g. {@code checkpoint runs/x/best.zip})
     * @throws RegistryException naming each missing plugin and its version
     */
    public synchronized void requirePlugins(Map<String, String> needed, String what) {
        List<String> missing = new ArrayList<>();
        new TreeMap<>(needed).forEach((id, v) -> {
            if (!plugins.containsKey(id)) {
                missing.add(id + " " + v + (notLoaded.containsKey(id) ? " (found at " + notLoaded.get(id) + ")" : ""));
            }
        });
        if (!missing.isEmpty()) {
            throw new RegistryException(what + " needs plugin" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + ", not loaded (put the JAR in ./plugins or ~/.hirmtl/plugins, or "
                    + "give --plugins DIR; 'hirmtl plugins list' shows what is loaded)");
        }
    }

    /** Lets {@code provider} register its components, each under the provider's id. */
    public void install(ComponentProvider provider) {
        provider.contribute(registrar(provider.id()));
    }

    @Override
    public Set<String> names(Kind kind) {
        return new LinkedHashSet<>(registries.get(kind).names());
    }

    @Override
    public Optional<Component> component(Kind kind, String name) {
        return registries.get(kind).find(name).map(c -> (Component) c);
    }

    /**
     * Opens a dataset folder, with targets of derived tasks added (each derived with its declared option defaults).
     *
     * @param type a registered dataset name, or {@code auto} to detect the layout
     */
    public Dataset openDataset(String type, Path root) throws IOException {
        return openDataset(type, root, Map.of());
    }

    /**
     * Opens a dataset folder, with targets of derived tasks added.
     *
     * @param type  a registered dataset name, or {@code auto} to detect the layout
     * @param tasks the experiment's task configs: a derived task's target is computed with its options
     */
    public Dataset openDataset(String type, Path root, Map<String, TaskConfig> tasks) throws IOException {
        if (!"auto".equals(type)) {
            return withDerived(datasets().get(type).open(root), tasks);
        }
        for (Registry.Entry<DatasetFactory> e : datasets().entries()) {
            if (e.component().recognises(root)) {
                return withDerived(e.component().open(root), tasks);
            }
        }
        throw new RegistryException(root + " is not a dataset of a known layout (known: "
                + String.join(", ", datasets().names()) + "); give the type with --type");
    }

    /**
     * Opens an experiment's dataset: {@code data.type} at {@code data.root} (the synthetic scenes are generated into
     * the cache folder first if needed), with derived targets computed with the experiment's task configs, and
     * checks that it has every task of the experiment.
     *
     * @throws java.nio.file.NoSuchFileException if the folder does not exist
     * @throws IllegalArgumentException          naming a task the dataset has no targets for
     */
    public Dataset openDataset(ExperimentConfig config, SynthListener listener) throws IOException {
        DataConfig d = config.data();
        Path root = d.type().equals("synthetic") ? SyntheticCache.ensure(d, listener) : Path.of(d.root());
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "data.root: dataset folder not found");
        }
        Dataset ds = openDataset(d.type(), root, config.tasks());
        for (String t : config.taskNames()) {
            if (!ds.tasks().contains(t)) {
                throw new IllegalArgumentException("tasks." + t + ": the " + ds.type() + " dataset at " + root
                        + " has no '" + t + "' targets (it has: " + String.join(", ", ds.tasks()) + ")");
            }
        }
        return ds;
    }

    private Dataset withDerived(Dataset d, Map<String, TaskConfig> configs) {
        List<TaskProvider> all = new ArrayList<>();
        tasks().entries().forEach(e -> all.add(e.component()));
        return DerivedTargets.wrap(d, all, configs);
    }

    /**
     * How a run uses a plugin.
     *
     * @param version   the plugin's version
     * @param inference whether inference (eval, predict, export, bundles) needs it
     */
    public record PluginUse(String version, boolean inference) {
    }
}
