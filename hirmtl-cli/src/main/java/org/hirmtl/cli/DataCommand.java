package org.hirmtl.cli;

import picocli.CommandLine.Command;

/** {@code hirmtl data}: dataset tools. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Dataset tools: generate synthetic scenes, check a dataset.",
        subcommands = {DataSynthCommand.class, DataCheckCommand.class})
final class DataCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
