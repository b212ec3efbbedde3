package org.hirmtl.train;

/** A loss became NaN or infinite; training stopped without writing a checkpoint of the diverged state. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which task, where, and what to do */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
