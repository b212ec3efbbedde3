package org.hirmtl.config;

import java.nio.file.Path;

/**
 * Where a config value came from: a line of a file, a line of a named text (the built-in defaults), or a
 * {@code --set} argument of the command line.
 *
 * @param origin what to print: a file name, a resource name or {@code --set key=value}
 * @param file the file, or null when the value did not come from a file
 * @param line 1-based line, 0 if unknown or not applicable
 * @param commandLine true for a {@code --set} argument (printed before the message instead of after it)
 */
record Location(String origin, Path file, int line, boolean commandLine) {

    static Location inFile(Path file, int line) {
        return new Location(file.toString(), file, line, false);
    }

    static Location named(String origin, int line) {
        return new Location(origin, null, line, false);
    }

    static Location override(String argument) {
        return new Location("--set " + argument, null, 0, true);
    }

    @Override
    public String toString() {
        return line > 0 ? origin + ":" + line : origin;
    }
}
