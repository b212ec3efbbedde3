package org.hirmtl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ConfigWriter;
import org.hirmtl.config.LoadedConfig;
import org.hirmtl.registry.Components;
import org.hirmtl.train.TrainListener;
import org.hirmtl.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hirmtl config print|validate}: shows the resolved config, or checks a config file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Experiment configs: print the resolved config, validate a file (docs/config.md).",
        subcommands = {ConfigCommand.Print.class, ConfigCommand.Validate.class})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** {@code hirmtl config print}. */
    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Prints the fully resolved config (defaults, extends bases, file, --set overrides) as YAML.")
    static final class Print implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() {
            LoadedConfig loaded = config.load();
            for (Path source : loaded.sources()) {
                spec.commandLine().getOut().println("# from " + source);
            }
            spec.commandLine().getOut().print(ConfigWriter.toYaml(loaded.config()));
            return ExitCodes.OK;
        }
    }

    /** {@code hirmtl config validate FILE}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks a config file as train would: unknown keys, wrong types, bad values, unknown "
                    + "component names and options (with the YAML path, file and line), then builds the model and, "
                    + "when its folder is here, opens the dataset and checks its tasks.",
                    "Exit 0 when valid, 2 otherwise."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The config file.")
        Path file;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one value (repeatable).")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() throws java.io.IOException {
            Components components = Plugins.of(spec).components();
            LoadedConfig loaded = new ConfigLoader(components).load(file, overrides);
            List<String> notes = new Trainer(components, TrainListener.NONE).validate(loaded.config());
            PrintWriter o = spec.commandLine().getOut();
            o.println("OK: " + file + " is valid (" + loaded.config().taskNames().size() + " tasks: "
                    + String.join(", ", loaded.config().taskNames()) + ")");
            notes.forEach(n -> o.println("  note: " + n));
            o.flush();
            return ExitCodes.OK;
        }
    }
}
