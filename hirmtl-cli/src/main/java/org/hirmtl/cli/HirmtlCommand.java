package org.hirmtl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code hirmtl} command: prints usage when called without a subcommand. */
@Command(name = "hirmtl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Hierarchical multi-task networks for dense scene understanding (HirMTL).",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class,
                DataCommand.class, ConfigCommand.class, PluginsCommand.class, BenchCommand.class, VersionCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 usage/config/data error, 3 quality gate failed.",
                "Documentation: docs/cli.md"})
final class HirmtlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Verbosity verbosity;

    @Mixin
    Plugins plugins;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
