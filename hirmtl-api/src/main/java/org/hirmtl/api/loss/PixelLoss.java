package org.hirmtl.api.loss;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A per-pixel task loss for a {@code CnnLossLayer}: rows are pixels ({@code [N*H*W, C]}), the mask is one value per
 * pixel ({@code [N*H*W, 1]}, 0 = ignore, {@code null} = all valid).
 *
 * <p>With ℓ<sub>i</sub> the loss of pixel i, m<sub>i</sub> its mask value and n<sub>valid</sub> = Σ m<sub>i</sub>,
 * this loss returns from {@code computeScore(average=false)}
 * <pre>  score = weight · N · Σ_i m_i ℓ_i / max(1, n_valid),</pre>
 * N = rows / {@link #getPixelsPerExample()}, and from {@code computeGradient} the gradient of that sum. CnnLossLayer
 * divides the score by N (the updater divides the gradients by N), so what DL4J reports and optimises is
 * {@code weight × mean of ℓ over the valid pixels of the batch}. {@code average=true} divides by N as well.
 * {@link #computeScoreArray} returns the per-pixel terms of the sum. Labels at masked pixels are ignored but must be
 * finite (they are multiplied by 0). A loss never modifies its arguments.
 *
 * <p>The fields are the Jackson-serialised state stored in the graph configuration; {@code weight} is mutable so a
 * task-weighting strategy can change it between steps (it is part of {@code equals}).
 */
public abstract class PixelLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /** The task weight w_t (≥ 0) the score and gradient are multiplied by; 1 unless set. */
    @JsonProperty("weight")
    private double weight = 1.0;
    /** H*W of the labels, from which the batch size N = rows / pixelsPerExample is recovered; 0 until set. */
    @JsonProperty("pixelsPerExample")
    private int pixelsPerExample;

    /** For Jackson: weight 1, pixelsPerExample unset (0). */
    protected PixelLoss() {
    }

    /**
     * A loss with the given weight and label size.
     *
     * @param weight task weight w_t (≥ 0)
     * @param pixelsPerExample H*W of the labels (> 0)
     */
    protected PixelLoss(double weight, int pixelsPerExample) {
        setWeight(weight);
        setPixelsPerExample(pixelsPerExample);
    }

    /**
     * The task weight w_t.
     *
     * @return the weight the score and gradient are multiplied by (≥ 0)
     */
    public double getWeight() {
        return weight;
    }

    /**
     * Sets the task weight w_t; must be finite and ≥ 0.
     *
     * @param weight the new weight
     * @throws IllegalArgumentException if {@code weight} is negative or not finite
     */
    public void setWeight(double weight) {
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": weight must be finite and >= 0, got "
                    + weight);
        }
        this.weight = weight;
    }

    /**
     * H*W of the labels.
     *
     * @return the pixels per example, or 0 if not set yet
     */
    public int getPixelsPerExample() {
        return pixelsPerExample;
    }

    /**
     * Sets H*W of the labels, so the loss can recover the batch size N = rows / pixelsPerExample.
     *
     * @param pixelsPerExample H*W of the labels (> 0)
     * @throws IllegalArgumentException if {@code pixelsPerExample} is not positive
     */
    public void setPixelsPerExample(int pixelsPerExample) {
        if (pixelsPerExample <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": pixelsPerExample must be > 0, got "
                    + pixelsPerExample);
        }
        this.pixelsPerExample = pixelsPerExample;
    }

    /**
     * Per-pixel loss ℓ, shape [rows, 1], before masking and scaling. Arguments are validated and cast.
     *
     * @param labels the labels {@code [rows, C]}, cast to {@code preOutput}'s data type
     * @param preOutput the layer's output before its activation {@code [rows, C]}; must not be modified
     * @param activationFn the layer's activation, already accepted by {@link #checkActivation}
     * @param mask one value per pixel {@code [rows, 1]} (0 = ignore), or {@code null} when all are valid; the
     *             caller multiplies the result by it afterwards, it is passed for losses that depend on which
     *             pixels are valid (e.g. the automatic weight of {@link BalancedBinaryCrossEntropy})
     * @return ℓ per row, {@code [rows, 1]}, an array the caller may modify in place
     */
    protected abstract INDArray rowLoss(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask);

    /**
     * dℓ/dpreOutput, shape [rows, C], before masking and scaling. Arguments are validated and cast.
     *
     * @param labels the labels {@code [rows, C]}, cast to {@code preOutput}'s data type
     * @param preOutput the layer's output before its activation {@code [rows, C]}; must not be modified
     * @param activationFn the layer's activation, already accepted by {@link #checkActivation}
     * @param mask one value per pixel {@code [rows, 1]} (0 = ignore), or {@code null} when all are valid; the
     *             caller multiplies the result by it afterwards
     * @return dℓ/dpreOutput per row, {@code [rows, C]}, an array the caller may modify in place
     */
    protected abstract INDArray rowGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask);

    /**
     * Rejects an activation this loss cannot work with; the default accepts any.
     *
     * @param activationFn the activation of the loss layer
     * @throws IllegalArgumentException if this loss cannot work with {@code activationFn}
     */
    protected void checkActivation(IActivation activationFn) {
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        Batch b = prepare(labels, preOutput, activationFn, mask);
        double score = maskedSum(rowLoss(b.labels, preOutput, activationFn, b.mask), b.mask) * b.scale(weight);
        return average ? score / Math.max(1, b.examples) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Batch b = prepare(labels, preOutput, activationFn, mask);
        INDArray rows = rowLoss(b.labels, preOutput, activationFn, b.mask);
        if (b.mask != null) {
            rows.muli(b.mask);
        }
        return rows.muli(b.scale(weight));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Batch b = prepare(labels, preOutput, activationFn, mask);
        INDArray grad = rowGradient(b.labels, preOutput, activationFn, b.mask);
        if (b.mask != null) {
            grad.muliColumnVector(b.mask);
        }
        return grad.muli(b.scale(weight));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /**
     * The unweighted mean of ℓ over the valid pixels (0 if none), for logging a task's loss.
     *
     * @param labels2d the labels as rows {@code [N*H*W, C]}
     * @param preOut2d the layer's output before its activation, as rows {@code [N*H*W, C]}
     * @param act the layer's activation
     * @param mask one value per pixel {@code [N*H*W, 1]} (0 = ignore), or {@code null} when all are valid
     * @return Σ m<sub>i</sub> ℓ<sub>i</sub> / max(1, n<sub>valid</sub>), without the weight and the factor N
     */
    public double meanLoss(INDArray labels2d, INDArray preOut2d, IActivation act, INDArray mask) {
        Batch b = prepare(labels2d, preOut2d, act, mask);
        return maskedSum(rowLoss(b.labels, preOut2d, act, b.mask), b.mask) / Math.max(1.0, b.valid);
    }

    private static double maskedSum(INDArray rows, INDArray mask) {
        return (mask == null ? rows : rows.muli(mask)).sumNumber().doubleValue();
    }

    private Batch prepare(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        String me = getClass().getSimpleName();
        if (labels == null || preOutput == null) {
            throw new IllegalArgumentException(me + ": labels and preOutput must not be null");
        }
        if (preOutput.rank() != 2 || !labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException(me + ": labels " + Arrays.toString(labels.shape()) + " and preOutput "
                    + Arrays.toString(preOutput.shape()) + " must have the same 2-D shape [pixels, channels]");
        }
        long rows = preOutput.size(0);
        if (mask != null && (mask.rank() != 2 || mask.size(0) != rows || mask.size(1) != 1)) {
            throw new IllegalArgumentException(me + ": mask must have shape [" + rows + ", 1] (one value per pixel, "
                    + "0 = ignore); got " + Arrays.toString(mask.shape()));
        }
        if (pixelsPerExample <= 0) {
            throw new IllegalStateException(me + ": pixelsPerExample is not set; set it to H*W of the labels");
        }
        if (rows % pixelsPerExample != 0) {
            throw new IllegalStateException(me + ": " + rows + " rows is not a multiple of pixelsPerExample="
                    + pixelsPerExample + " (H*W of the labels): was the loss built for another label size?");
        }
        checkActivation(activationFn);
        INDArray m = mask == null ? null : mask.castTo(preOutput.dataType());
        double valid = m == null ? rows : m.sumNumber().doubleValue();
        return new Batch(labels.castTo(preOutput.dataType()), m, rows / pixelsPerExample, valid);
    }

    /** Validated, cast arguments: N examples and n_valid = Σ mask. */
    private record Batch(INDArray labels, INDArray mask, long examples, double valid) {
        double scale(double weight) {
            return weight * examples / Math.max(1.0, valid);
        }
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        PixelLoss other = (PixelLoss) o;
        return Double.compare(weight, other.weight) == 0 && pixelsPerExample == other.pixelsPerExample;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), weight, pixelsPerExample);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(weight=" + weight + ", pixelsPerExample=" + pixelsPerExample + ")";
    }
}
