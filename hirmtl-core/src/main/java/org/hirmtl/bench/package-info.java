/**
 * {@code hirmtl bench}'s measurement: training (DL4J) and inference (through {@link org.hirmtl.infer.InferenceEngine})
 * images/s of a config's model on random inputs, and the process's peak resident memory; {@code hirmtl bench
 * boundaries}' timing of the boundary evaluation on synthetic edge maps.
 */
package org.hirmtl.bench;
