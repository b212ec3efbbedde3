package org.hirmtl.engine.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The score a loss layer computed along with its gradient in backprop, kept for the score DL4J asks for right after
 * (computing it again would be a second pass over the full-size arrays), together with the arrays it belongs to: it
 * is used only while the layer's input, labels and mask are still those same arrays.
 */
public final class KeptScore {
    private double score;
    private INDArray input;
    private INDArray labels;
    private INDArray mask;

    /** Keeps {@code score} as the score of these arrays (compared by identity). */
    public void keep(double score, INDArray input, INDArray labels, INDArray mask) {
        this.score = score;
        this.input = input;
        this.labels = labels;
        this.mask = mask;
    }

    /** Whether a score is kept for exactly these arrays. */
    public boolean isFor(INDArray input, INDArray labels, INDArray mask) {
        return this.input != null && this.input == input && this.labels == labels && this.mask == mask;
    }

    /** The kept score; then forgets it (DL4J asks once per backprop). */
    public double take() {
        double s = score;
        forget();
        return s;
    }

    /** Forgets the kept score (and the references to the arrays). */
    public void forget() {
        input = null;
        labels = null;
        mask = null;
    }
}
