package org.hirmtl.cli;

/** Commands whose implementation has not landed in this build: they say so and exit 1, never pretend. */
final class Unavailable {
    private Unavailable() {
    }

    static CliException command(String name, String arrivesWith) {
        return new CliException(ExitCodes.FAILURE, "'hirmtl " + name + "' is not available in this build yet: "
                + "it arrives with " + arrivesWith + " (see docs/cli.md)");
    }
}
