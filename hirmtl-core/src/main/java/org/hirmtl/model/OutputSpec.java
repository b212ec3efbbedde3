package org.hirmtl.model;

/**
 * One output layer of the graph.
 *
 * @param name the output layer's vertex name, e.g. {@code semseg/out} or {@code semseg/s8/aux/out}
 * @param task the task it predicts
 * @param auxiliary whether it is a deep-supervision output (weighted by λ_ds, not used for predictions)
 * @param stride the output's stride: 1 for final outputs (input resolution); {@code s} for a deep-supervision output
 *               at scale {@code s}, whose labels are the input-size labels sampled at the centre of each s×s cell
 */
public record OutputSpec(String name, String task, boolean auxiliary, int stride) implements java.io.Serializable {
    /** Requires a positive stride. */
    public OutputSpec {
        if (stride < 1) {
            throw new IllegalArgumentException("output stride must be positive: " + stride);
        }
    }
}
