package org.hirmtl.train;

import java.util.Map;

/** What the trainer reports while it runs; the CLI turns it into progress bars and lines. All methods optional. */
public interface TrainListener {
    /** A quiet listener. */
    TrainListener NONE = new TrainListener() {
    };

    /** Something worth one line to the user (dataset generated, resumed from, ...). */
    default void message(String line) {
    }

    /** Work without steps is starting, e.g. generating the synthetic dataset ({@code total} units). */
    default void phase(String name, long total) {
    }

    /** One unit of the current phase is done. */
    default void phaseStep() {
    }

    /** The current phase is over. */
    default void phaseEnd() {
    }

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
