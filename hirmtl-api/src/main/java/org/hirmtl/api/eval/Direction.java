package org.hirmtl.api.eval;

/** Which way a metric is better: used by Δm, by best-checkpoint selection and by CI gates. */
public enum Direction {
    /** Larger values are better (mIoU, maxF, odsF, δ accuracies). */
    HIGHER,
    /** Smaller values are better (RMSE, mean angular error). */
    LOWER
}
