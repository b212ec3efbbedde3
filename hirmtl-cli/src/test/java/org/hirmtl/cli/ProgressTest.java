package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A resumed epoch's progress starts where the checkpoint was, and steps may cover several batches. */
class ProgressTest {
    @Test
    void aResumedEpochStartsAtItsCheckpointAndCountsAbsolutePositions() {
        try (Progress p = Progress.start("epoch 1/6", 75, "steps", true)) {
            p.skip(23);
            p.stepTo(25, "loss 1.0");
            String line = p.line(25);
            assertTrue(line.startsWith("epoch 1/6: 25/75 steps (33%), "), line);
            assertTrue(line.endsWith(", loss 1.0"), line);
        }
    }
}
