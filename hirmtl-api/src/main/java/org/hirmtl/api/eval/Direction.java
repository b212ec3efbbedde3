package org.hirmtl.api.eval;

/** Which way a metric is better: used by Δm ({@link DeltaM}), by best-checkpoint selection and by CI gates. */
public enum Direction {
    /** Larger values are better (mIoU, maxF, odsF, δ accuracies). */
    HIGHER,
    /** Smaller values are better (RMSE, mean angular error). */
    LOWER;

    /** {@code true} if {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == HIGHER ? a > b : a < b;
    }
}
