package org.hirmtl.train;

import java.util.Map;
import org.hirmtl.data.synth.SynthListener;

/** What the trainer reports while it runs; the CLI turns it into progress bars and lines. All methods optional. */
public interface TrainListener extends SynthListener {
    /** A quiet listener. */
    TrainListener NONE = new TrainListener() {
    };

    /** An epoch starts: {@code steps} batches, the first {@code firstStep} already done (resume). */
    default void epochStart(int epoch, int epochs, int steps, int firstStep) {
    }

    /** A training step finished with these unweighted per-task losses. */
    default void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
    }

    /** Validation of an epoch starts ({@code batches} batches). */
    default void validationStart(int batches) {
    }

    /** An epoch is done (after validation and checkpoints). */
    default void epochEnd(EpochSummary summary) {
    }
}
