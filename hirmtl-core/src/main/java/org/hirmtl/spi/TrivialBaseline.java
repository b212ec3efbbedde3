package org.hirmtl.spi;

import org.hirmtl.data.DenseMap;

/**
 * A constant predictor fitted to training targets (majority class, mean depth, mean normal, ...), printed next to
 * the model's numbers so a reader sees what "learning something" means on a dataset.
 */
public interface TrivialBaseline {
    /** A short description, e.g. {@code majority class}. */
    String description();

    /** Accumulates one training target. */
    void observe(DenseMap target);

    /** The constant prediction for an image of {@code h × w}, in the format {@link TaskProvider#decode} returns. */
    DenseMap predict(int h, int w);
}
