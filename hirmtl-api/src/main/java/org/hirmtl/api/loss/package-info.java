/**
 * Per-pixel losses with explicit, gradient-checked backward passes: the base {@link org.hirmtl.api.loss.PixelLoss}
 * (masking, per-example normalisation, weight) and the standard losses tasks reuse.
 */
package org.hirmtl.api.loss;
