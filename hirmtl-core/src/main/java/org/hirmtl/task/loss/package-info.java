/**
 * Per-pixel task losses for {@code CnnLossLayer}s: cross-entropy (semseg, parts), masked L1 (depth, normals) and
 * balanced binary cross-entropy (edges, saliency). Each is a custom {@code ILossFunction} that averages over the valid
 * (unmasked) pixels of the batch and multiplies by a mutable task weight, so the score DL4J reports for the layer is
 * {@code weight × mean loss per valid pixel}. The classes are stored by name in saved graph configurations: treat
 * their names and fields as a file format.
 */
package org.hirmtl.task.loss;
