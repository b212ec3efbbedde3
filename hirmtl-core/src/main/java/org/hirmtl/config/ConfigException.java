package org.hirmtl.config;

import java.nio.file.Path;

/**
 * A config that cannot be loaded or is not valid: unknown key, wrong type, bad value, unknown component name,
 * unreadable file or {@code extends} cycle. The message is one line a user can act on, e.g.
 * {@code train.batch_size: must be > 0, got -3 at x.yaml:7} or
 * {@code --set train.epoch=3: unknown key train.epoch (known: epochs, batch_size, ...)}.
 */
public class ConfigException extends RuntimeException {
    private final String yamlPath;
    private final String detail;
    private final transient Path file;
    private final int line;

    /**
     * A problem with no known source location (e.g. a record built in code).
     *
     * @param yamlPath the key, e.g. {@code train.batch_size}; "" for the whole config
     * @param detail what is wrong, e.g. {@code must be > 0, got -3}
     */
    public ConfigException(String yamlPath, String detail) {
        this(yamlPath, detail, null);
    }

    ConfigException(String yamlPath, String detail, Location where) {
        this(format(yamlPath, detail, where), yamlPath, detail, where);
    }

    private ConfigException(String message, String yamlPath, String detail, Location where) {
        super(message);
        this.yamlPath = yamlPath == null ? "" : yamlPath;
        this.detail = detail;
        this.file = where == null ? null : where.file();
        this.line = where == null ? 0 : where.line();
    }

    /** An unknown key given with {@code --set}: {@code --set a.b=1: unknown key a.b (known: ...)}. */
    static ConfigException unknownOverride(String yamlPath, String why, Location where) {
        String detail = "unknown key " + yamlPath + " (" + why + ")";
        return new ConfigException(where.origin() + ": " + detail, yamlPath, detail, where);
    }

    /** The YAML path of the offending key, e.g. {@code model.fusion.type}; "" if it concerns the whole file. */
    public String yamlPath() {
        return yamlPath;
    }

    /** What is wrong, without path and location, e.g. {@code unknown 'taf2' (known: taf, mean)}. */
    public String detail() {
        return detail;
    }

    /** The file the offending value was read from, or null (built-in defaults, {@code --set}, unknown). */
    public Path file() {
        return file;
    }

    /** The 1-based line in {@link #file()} (or in the built-in defaults), 0 if unknown. */
    public int line() {
        return line;
    }

    private static String format(String yamlPath, String detail, Location where) {
        String text = yamlPath == null || yamlPath.isEmpty() ? detail : yamlPath + ": " + detail;
        if (where == null) {
            return text;
        }
        return where.commandLine() ? where.origin() + ": " + text : text + " at " + where;
    }
}
