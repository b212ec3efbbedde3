package org.hirmtl.data.io;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file that exists but cannot be decoded (truncated, wrong format, wrong shape). Names the file. */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String detail;

    /** @param file the offending file @param message what is wrong with it */
    public DataFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
        this.detail = message;
    }

    /** @param file the offending file @param message what is wrong @param cause the decoder's exception */
    public DataFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.detail = message;
    }

    /** What is wrong, without the file name. */
    public String detail() {
        return detail;
    }

    /** The file that could not be decoded. */
    public Path file() {
        return file;
    }
}
