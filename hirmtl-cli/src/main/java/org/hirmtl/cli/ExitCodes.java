package org.hirmtl.cli;

/** The process exit codes of {@code hirmtl}; documented in docs/cli.md. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A runtime failure: I/O error, diverged training, an internal error, or a command not available yet. */
    public static final int FAILURE = 1;
    /** A usage or configuration error: bad option, bad config, bad or broken dataset. */
    public static final int USAGE = 2;
    /** A quality gate failed ({@code hirmtl eval --fail-under/--fail-over}). */
    public static final int GATE = 3;

    private ExitCodes() {
    }
}
