/**
 * Streaming metrics for dense prediction, one class per metric family, each following the field's evaluation code
 * (MTI-Net, ATRC, InvPT) as DESIGN §4 describes it.
 *
 * <p>Every metric is a {@link org.hirmtl.api.eval.DenseMetric}: {@code update(prediction, target)} once per
 * image, then {@code results()}. Memory is constant in the size of the split: only counts and sums (Java primitives,
 * never ND4J arrays) are kept, <b>pooled over the whole split and divided at the end</b> — never a mean of per-image
 * values. Instances are not thread-safe; evaluate in parallel with one instance per thread built by
 * {@link org.hirmtl.api.eval.DenseMetric#fresh()} and {@link org.hirmtl.api.eval.DenseMetric#merge merge}
 * them.
 *
 * <p>Inputs are {@link org.hirmtl.api.data.DenseMap}s in the decoded target conventions of {@code docs/data.md}. A NaN or
 * infinite prediction value is an {@link IllegalArgumentException}, never silently counted; an update that throws
 * leaves the metric unchanged. A metric with no valid pixel yet reports NaN.
 *
 * <p>{@link org.hirmtl.eval.metrics.DeltaM} combines per-task results into the multi-task Δm against single-task
 * baselines.
 */
package org.hirmtl.eval.metrics;

import org.hirmtl.api.eval.DenseMetric;
