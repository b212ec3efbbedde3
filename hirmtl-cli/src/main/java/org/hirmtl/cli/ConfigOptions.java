package org.hirmtl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hirmtl.config.ComponentCatalog;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.LoadedConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The shared {@code -c/--config} and {@code --set} options of commands that take an experiment config. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Experiment config (YAML). Without it: the built-in quick start on synthetic scenes.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config value, e.g. --set train.epochs=20 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Loads the config (defaults when no file was given); errors surface as ConfigException (exit 2). */
    LoadedConfig load() {
        return load(Plugins.of(mixee).components());
    }

    /** Loads the config, checking component names against {@code catalog}. */
    LoadedConfig load(ComponentCatalog catalog) {
        ConfigLoader loader = new ConfigLoader(catalog);
        return file == null ? loader.loadDefaults(overrides) : loader.load(file, overrides);
    }
}
