package org.hirmtl.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code hirmtl plugins}: Lists and inspects loaded plugins. Not available in this build yet; exits 1 saying so. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists and inspects loaded plugins.", "Not available in this build yet: it arrives with the plugins work."})
final class PluginsCommand implements Callable<Integer> {
    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        throw Unavailable.command("plugins", "the plugins work");
    }
}
