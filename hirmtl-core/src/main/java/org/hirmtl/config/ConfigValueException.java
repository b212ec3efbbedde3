package org.hirmtl.config;

/**
 * A bad value found by a config record's constructor. It names the field relative to the record being built
 * ({@code batch_size}, {@code widths[2]}, {@code schedule.warmup_epochs}); the loader prefixes the record's own path
 * and adds the file and line, so users see {@code train.batch_size: must be > 0, got -3 at x.yaml:7}.
 */
public class ConfigValueException extends ConfigException {

    /**
     * @param field the field in YAML spelling, relative to the record; "" for the value itself
     * @param detail what is wrong, e.g. {@code must be > 0, got -3}
     */
    public ConfigValueException(String field, String detail) {
        super(field, detail);
    }
}
