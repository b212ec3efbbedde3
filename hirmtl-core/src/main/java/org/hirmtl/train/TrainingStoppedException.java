package org.hirmtl.train;

/**
 * Training stopped on request ({@link GracefulStop}) after writing {@code last.zip} at the step it had reached:
 * {@code --resume} continues from there exactly.
 */
public final class TrainingStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String signal;
    private final int epoch;
    private final int step;

    /**
     * @param signal what asked for the stop, e.g. {@code SIGTERM}
     * @param epoch the epoch the checkpoint is in (1-based)
     * @param step the steps of that epoch done, or 0 when the epoch was complete
     */
    public TrainingStoppedException(String signal, int epoch, int step) {
        super("stopped by " + signal + " after epoch " + epoch + (step > 0 ? " step " + step : "")
                + " (last.zip written); --resume continues");
        this.signal = signal;
        this.epoch = epoch;
        this.step = step;
    }

    /** What asked for the stop, e.g. {@code SIGTERM}. */
    public String signal() {
        return signal;
    }

    /** The epoch the checkpoint is in. */
    public int epoch() {
        return epoch;
    }

    /** The steps of that epoch done, or 0 when the epoch was complete. */
    public int step() {
        return step;
    }
}
