package org.hirmtl.api.eval;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;

/**
 * A streaming metric for one dense task: counts and sums pooled over every image of a split, divided only when
 * {@link #results()} is asked for.
 *
 * <p>Not thread-safe. For parallel evaluation give each worker its own {@link #fresh()} instance and
 * {@link #merge(DenseMetric)} them at the end; the result equals a single pass over all images in any order
 * (up to floating-point summation order for sums of reals).
 */
public interface DenseMetric {

    /**
     * Adds one image.
     *
     * @param prediction the network output in the metric's documented layout
     * @param target the decoded target (docs/data.md conventions)
     * @throws IllegalArgumentException if the shapes do not match (the message names both), a prediction value is NaN
     *     or infinite, or a target value breaks the task's convention; the metric is then left unchanged
     */
    void update(DenseMap prediction, DenseMap target);

    /**
     * Metric name → value, in the order of {@link #infos()}; NaN when no valid pixel has been seen.
     *
     * @return the values over every image added so far, by metric name
     */
    Map<String, Double> results();

    /**
     * Adds another instance's counts to this one.
     *
     * @param other an instance of the same metric with the same configuration (e.g. from {@link #fresh()})
     * @throws IllegalArgumentException if {@code other} is a different metric or has a different configuration
     */
    void merge(DenseMetric other);

    /**
     * An empty instance with the same configuration.
     *
     * @return a new instance that has seen no image
     */
    DenseMetric fresh();

    /**
     * The names, directions and definitions of the values {@link #results()} returns, in the same order. Every
     * built-in metric describes itself; the default, for a metric that does not, is an empty list.
     *
     * @return one description per value of {@link #results()}, or an empty list
     */
    default List<MetricInfo> infos() {
        return List.of();
    }

    /**
     * Per-class figures behind {@link #results()}, for reports: figure name → one value per class, in class-id order
     * (e.g. {@code "iou"}; NaN where a class has no value). The default, for a metric without classes, is empty.
     *
     * @return figure name → one value per class, or an empty map
     */
    default Map<String, double[]> perClass() {
        return Map.of();
    }
}
