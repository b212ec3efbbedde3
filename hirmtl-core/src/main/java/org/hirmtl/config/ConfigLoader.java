package org.hirmtl.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.Kind;
import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.ConfigValueException;
import org.hirmtl.api.config.OptionSpec;

/**
 * Loads experiment configs: the built-in defaults ({@code defaults.yaml}, the CPU-sized synthetic quick start), then
 * the file's {@code extends} bases, then the file, deep-merged in that order; then {@code --set key.path=value}
 * overrides; then binding to {@link ExperimentConfig} and checking component names against a
 * {@link ComponentCatalog}. Every error is a {@link ConfigException} with the YAML path, file and line.
 */
public final class ConfigLoader {
    static final String DEFAULTS = "defaults.yaml";
    private static final String DEFAULTS_ORIGIN = "defaults.yaml (built-in)";
    private static final String TASK_TABLE = "task_defaults";

    private final ComponentCatalog catalog;
    private final boolean inferenceOnly;

    /** A loader that accepts the component names of {@code catalog}. */
    public ConfigLoader(ComponentCatalog catalog) {
        this(catalog, false);
    }

    private ConfigLoader(ComponentCatalog catalog, boolean inferenceOnly) {
        this.catalog = catalog;
        this.inferenceOnly = inferenceOnly;
    }

    /**
     * A loader for a trained model's config that checks only the names inference needs ({@link Kind#inference()}):
     * a checkpoint trained with a plugin's loss weighting or dataset reader is evaluated, run and exported without
     * that plugin.
     */
    public ConfigLoader forInference() {
        return new ConfigLoader(catalog, true);
    }

    /**
     * Loads {@code file} (and its bases) over the defaults, then applies {@code overrides}.
     *
     * @param overrides {@code key.path=value} strings, applied in order
     * @throws ConfigException if a file cannot be read or the result is not a valid config
     */
    public LoadedConfig load(Path file, List<String> overrides) {
        List<YamlReader.Doc> docs = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (Includes.Source s : Includes.resolve(file)) {
            docs.add(s.doc());
            sources.add(s.file());
        }
        return new LoadedConfig(resolve(docs, overrides), sources);
    }

    /** The built-in defaults with {@code overrides} applied. */
    public LoadedConfig loadDefaults(List<String> overrides) {
        return new LoadedConfig(resolve(List.of(), overrides), List.of());
    }

    /**
     * Loads a config held in memory (e.g. the resolved config stored in a checkpoint) over the defaults, so that keys
     * added in later versions get their defaults. {@code extends} is not followed.
     *
     * @param origin names the text in messages, e.g. {@code run/best.zip!config.yaml}
     */
    public ExperimentConfig fromYaml(String yaml, String origin) {
        YamlReader.Doc doc = YamlReader.readText(yaml, origin);
        if (doc.tree().containsKey("extends")) {
            throw new ConfigException("extends", "not allowed here", doc.locations().find("extends"));
        }
        return resolve(List.of(doc), List.of());
    }

    private ExperimentConfig resolve(List<YamlReader.Doc> docs, List<String> overrides) {
        YamlReader.Doc defaults = YamlReader.readText(defaultsText(), DEFAULTS_ORIGIN);
        Map<String, Object> tree = defaults.tree();
        Locations locations = defaults.locations();
        TaskDefaults tasks = new TaskDefaults(TreeMerge.asTree((Map<?, ?>) tree.remove(TASK_TABLE)),
                catalog.names(Kind.TASK));
        for (YamlReader.Doc doc : docs) {
            TreeMerge.merge(tree, doc.tree(), "", locations, doc.locations());
        }
        tasks.complete(tree, locations);
        for (String override : overrides) {
            Overrides.apply(tree, locations, override);
            tasks.complete(tree, locations);
        }
        resolveOptions(tree, locations);
        ExperimentConfig config = ConfigBinder.bind(tree, locations);
        checkNames(config, locations);
        return config;
    }

    private void checkNames(ExperimentConfig c, Locations locations) {
        c.componentNames().forEach((kind, names) -> {
            if (kind != Kind.TASK && (kind.inference() || !inferenceOnly)) {
                for (String name : names) {
                    String path = kind.configKey();
                    if (!catalog.names(kind).contains(name)) {
                        throw new ConfigException(path, Checks.unknown(name, catalog.names(kind)),
                                locations.find(path));
                    }
                }
            }
        });
    }

    /**
     * Checks each {@code options} section against what its component declares and fills in the defaults, for every
     * kind of component that a config names (tasks, and each {@code type} under {@code model} and {@code train}), then
     * runs the component's {@code checkOptions} rules. Components that are not registered are left alone (the name
     * check reports them, or an inference loader does not need them).
     */
    private void resolveOptions(Map<String, Object> tree, Locations locations) {
        for (Kind kind : Kind.values()) {
            if (kind == Kind.TASK) {
                if (tree.get("tasks") instanceof Map<?, ?> tasks) {
                    tasks.forEach((name, entry) -> {
                        if (entry instanceof Map<?, ?> e) {
                            resolveOptions(kind, TreeMerge.asTree(e), "tasks." + name, locations);
                        }
                    });
                }
            } else if (kind.configKey().endsWith(".type") && !kind.configKey().startsWith("data.")) {
                String path = kind.configKey().substring(0, kind.configKey().length() - ".type".length());
                String[] parts = path.split("\\.");
                resolveOptions(kind, section(tree, parts[0], parts[1]), path, locations);
            }
        }
    }

    private static Map<String, Object> section(Map<String, Object> tree, String top, String key) {
        if (tree.get(top) instanceof Map<?, ?> t && t.get(key) instanceof Map<?, ?> s) {
            return TreeMerge.asTree(s);
        }
        return null;
    }

    private void resolveOptions(Kind kind, Map<String, Object> section, String path, Locations locations) {
        if (section == null) {
            return;
        }
        String name = kind == Kind.TASK ? path.substring("tasks.".length()) : String.valueOf(section.get("type"));
        var component = catalog.component(kind, name);
        Object given = section.get("options");
        if (component.isEmpty() || (given != null && !(given instanceof Map<?, ?>))) {
            return; // an unregistered name or a misshapen section: the name check or the binder reports it
        }
        String at = path + ".options";
        try {
            Map<String, Object> resolved = OptionSpec.resolve(component.get().options(),
                    given == null ? Map.of() : TreeMerge.asTree((Map<?, ?>) given));
            try {
                component.get().checkOptions(resolved);
            } catch (ConfigValueException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConfigValueException("", e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage());
            }
            if (given != null || !resolved.isEmpty()) {
                section.put("options", new java.util.LinkedHashMap<>(resolved));
            }
        } catch (ConfigValueException e) {
            String where = e.yamlPath().isEmpty() ? at : at + "." + e.yamlPath();
            throw new ConfigException(where, e.detail() + " (" + kind.label() + " '" + name + "')",
                    locations.find(where));
        }
    }

    private static String defaultsText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULTS + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
