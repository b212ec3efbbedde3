package org.hirmtl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code -v/--verbose} and {@code -q/--quiet} options, inherited by every subcommand. One instance per
 * {@code hirmtl} run, held by the root command ({@link #of}); it also sets the {@code org.hirmtl} log level.
 */
public final class Verbosity {
    private boolean verbose;
    private boolean quiet;

    /** Starts at the default log level (tests run several commands in one JVM). */
    public Verbosity() {
        level(Level.INFO);
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Verbose: debug logging, and stack traces on errors.")
    void setVerbose(boolean v) {
        verbose = v;
        level(v ? Level.DEBUG : Level.INFO);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Quiet: no progress bars, warnings and errors only.")
    void setQuiet(boolean q) {
        quiet = q;
        if (q) {
            level(Level.WARN);
        }
    }

    /** The verbosity of the run that {@code spec} (any command of the tree) belongs to. */
    static Verbosity of(CommandSpec spec) {
        return ((HirmtlCommand) spec.root().userObject()).verbosity;
    }

    /** Whether {@code -v} was given. */
    public boolean verbose() {
        return verbose;
    }

    /** Whether {@code -q} was given. */
    public boolean quiet() {
        return quiet;
    }

    private static void level(Level level) {
        if (LoggerFactory.getLogger("org.hirmtl") instanceof Logger l) {
            l.setLevel(level);
        }
    }
}
