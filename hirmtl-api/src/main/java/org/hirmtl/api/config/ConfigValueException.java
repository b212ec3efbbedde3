package org.hirmtl.api.config;

/**
 * A config value that is out of range or malformed, thrown by the config records' compact constructors (and by
 * components checking their options). {@link #yamlPath()} is relative to the record that threw it ({@code ""} for the
 * value itself); the toolkit's loader prefixes the record's own path and adds the file and line where the value was
 * written, so the user sees e.g. {@code tasks.edge.options.threshold: must be in (0, 1), got 2 at my.yaml:14}.
 */
public class ConfigValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The path of the bad value relative to the record that threw ({@code ""}: the value itself). */
    private final String yamlPath;
    /** What is wrong with the value, without its path. */
    private final String detail;

    /**
     * A bad value at {@code field}; the message is {@code field: detail} (just {@code detail} for the value itself).
     *
     * @param field  the key (or dotted path) of the bad value, relative to the record; {@code ""} for the value itself
     * @param detail what is wrong, e.g. {@code must be > 0, got -1}
     */
    public ConfigValueException(String field, String detail) {
        super(field == null || field.isEmpty() ? detail : field + ": " + detail);
        this.yamlPath = field == null ? "" : field;
        this.detail = detail;
    }

    /**
     * The path of the bad value relative to the record that threw ({@code ""}: the value itself).
     *
     * @return the key or dotted path, as given to the constructor ({@code ""} for null)
     */
    public String yamlPath() {
        return yamlPath;
    }

    /**
     * What is wrong with it.
     *
     * @return the detail without the path, e.g. {@code must be > 0, got -1}
     */
    public String detail() {
        return detail;
    }
}
