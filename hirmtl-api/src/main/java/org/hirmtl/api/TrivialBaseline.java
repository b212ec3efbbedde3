package org.hirmtl.api;

import org.hirmtl.api.data.DenseMap;

/**
 * A constant predictor fitted to training targets (majority class, mean depth, mean normal, ...), printed next to
 * the model's numbers so a reader sees what "learning something" means on a dataset.
 *
 * <pre>{@code
 * final class MeanDepth implements TrivialBaseline {
 *     private double sum; private long n;
 *     public String description() { return "mean depth"; }
 *     public void observe(DenseMap t) { for (float v : t.data()) if (v > 0) { sum += v; n++; } }
 *     public DenseMap predict(int h, int w) {
 *         DenseMap m = DenseMap.zeros(1, h, w);
 *         java.util.Arrays.fill(m.data(), (float) (sum / Math.max(1, n)));
 *         return m;
 *     }
 * }
 * }</pre>
 */
public interface TrivialBaseline {
    /** A short description, e.g. {@code majority class}. */
    String description();

    /** Accumulates one training target. */
    void observe(DenseMap target);

    /** The constant prediction for an image of {@code h × w}, in the format {@link TaskProvider#decode} returns. */
    DenseMap predict(int h, int w);
}
