package org.hirmtl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hirmtl version}: the same facts as {@code --version}. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the toolkit version, the DL4J/ND4J backend and version, and the Java runtime.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VersionProvider.lines().forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }
}
