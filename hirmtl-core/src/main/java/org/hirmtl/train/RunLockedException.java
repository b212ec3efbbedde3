package org.hirmtl.train;

/** A run folder is locked by another training ({@link RunLock}); exit code 2. */
public final class RunLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the folder and the holder */
    public RunLockedException(String message) {
        super(message);
    }
}
