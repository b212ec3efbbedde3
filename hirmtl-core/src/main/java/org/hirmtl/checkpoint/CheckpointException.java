package org.hirmtl.checkpoint;

/** A checkpoint that cannot be read: missing, corrupt (checksum), incompatible, or lacking plugins. One line. */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and with which file */
    public CheckpointException(String message) {
        super(message);
    }

    /** @param message what is wrong @param cause the underlying error */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
