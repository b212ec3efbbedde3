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
    /**
     * A short description, e.g. {@code majority class}.
     *
     * @return the description, printed as the baseline's name next to the model's numbers
     */
    String description();

    /**
     * Accumulates one training target.
     *
     * @param target one decoded training target of the task (conventions of {@link org.hirmtl.api.data.TargetKind})
     */
    void observe(DenseMap target);

    /**
     * The constant prediction for an image of {@code h × w}, in the format {@link TaskProvider#decode} returns.
     *
     * @param h the image height in pixels
     * @param w the image width in pixels
     * @return the prediction, fitted to the targets observed so far
     */
    DenseMap predict(int h, int w);
}
