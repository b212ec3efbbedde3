package org.hirmtl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code -v/--verbose} and {@code -q/--quiet} options, inherited by every subcommand. */
public final class Verbosity {
    private static volatile boolean verbose;
    private static volatile boolean quiet;

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

    /** Whether {@code -v} was given. */
    public static boolean verbose() {
        return verbose;
    }

    /** Whether {@code -q} was given. */
    public static boolean quiet() {
        return quiet;
    }

    /** Resets both flags (tests run several commands in one JVM). */
    static void reset() {
        verbose = false;
        quiet = false;
        level(Level.INFO);
    }

    private static void level(Level level) {
        if (LoggerFactory.getLogger("org.hirmtl") instanceof Logger l) {
            l.setLevel(level);
        }
    }
}
