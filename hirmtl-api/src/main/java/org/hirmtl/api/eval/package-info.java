/**
 * Metrics: {@link org.hirmtl.api.eval.DenseMetric} (accumulates predictions against targets), and the description of
 * each number it reports ({@link org.hirmtl.api.eval.MetricInfo}, {@link org.hirmtl.api.eval.Direction}).
 */
package org.hirmtl.api.eval;
