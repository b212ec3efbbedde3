package org.hirmtl.cli;

/** An error meant for the user: one line, and the exit code to end with. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** @param exitCode one of {@link ExitCodes} @param message one line: what, which file/field, what to do */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** A usage or config error (exit 2). */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
