package org.hirmtl.infer;

/** An inference engine failed to load or run a model (exit code 1: not the user's input). */
public final class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line @param cause the engine's exception */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message one line */
    public InferenceException(String message) {
        super(message);
    }
}
