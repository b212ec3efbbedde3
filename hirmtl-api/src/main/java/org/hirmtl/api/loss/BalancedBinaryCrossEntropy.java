package org.hirmtl.api.loss;

import java.util.Objects;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Class-balanced binary cross-entropy on logits, for edges (fixed positive weight, 0.95 by convention) and saliency
 * (automatic weight, like MTI-Net's {@code BalancedCrossEntropyLoss(pos_weight=None)}).
 *
 * <p>The layer's activation must be SIGMOID; preOutput x are logits, labels y ∈ [0, 1]. Per element
 * <pre>  ℓ = −[w·y·log σ(x) + (1−w)(1−y)·log(1−σ(x))] = c·softplus(x) − w·y·x,   c = (1−w) + (2w−1)·y,</pre>
 * computed stably (softplus(x) = max(x, 0) + log1p(exp(−|x|)); log σ(x) = −softplus(−x)), averaged over the C channels
 * of a pixel (C = 1 in practice); gradient dℓ/dx = c·σ(x) − w·y. With {@code positiveWeight < 0} ("auto") w is
 * computed per batch over valid elements as w = n<sub>neg</sub> / (n<sub>pos</sub> + n<sub>neg</sub>),
 * n<sub>pos</sub> = Σ m·y, n<sub>neg</sub> = Σ m·(1−y) (0.5 when nothing is valid), a constant for the gradient.
 * Unlike MTI-Net, labels are not thresholded here (decoders deliver {0, 1}) and the mean is over valid pixels
 * ({@link PixelLoss}).
 */
public class BalancedBinaryCrossEntropy extends PixelLoss {
    private static final long serialVersionUID = 1L;
    /** The {@code positiveWeight} meaning "compute it per batch from the labels". */
    public static final double AUTO = -1.0;

    /** The fixed positive weight w in [0, 1], or {@link #AUTO} for the per-batch balance. */
    @JsonProperty("positiveWeight")
    private double positiveWeight = AUTO;

    /** For Jackson: automatic positive weight, weight 1, pixelsPerExample unset. */
    public BalancedBinaryCrossEntropy() {
    }

    /**
     * A loss with the given task weight, label size and positive weight.
     *
     * @param weight task weight w_t
     * @param pixelsPerExample H*W of the labels
     * @param positiveWeight w in [0, 1], or {@link #AUTO} (any negative value) for the per-batch balance
     */
    public BalancedBinaryCrossEntropy(double weight, int pixelsPerExample, double positiveWeight) {
        super(weight, pixelsPerExample);
        setPositiveWeight(positiveWeight);
    }

    /**
     * The positive weight as configured.
     *
     * @return w in [0, 1], or {@link #AUTO} when it is computed per batch
     */
    public double getPositiveWeight() {
        return positiveWeight;
    }

    /**
     * Sets w in [0, 1], or a negative value for the automatic per-batch weight.
     *
     * @param positiveWeight w in [0, 1], or any negative value (stored as {@link #AUTO}) for the per-batch balance
     * @throws IllegalArgumentException if {@code positiveWeight} is NaN or greater than 1
     */
    public void setPositiveWeight(double positiveWeight) {
        if (Double.isNaN(positiveWeight) || positiveWeight > 1) {
            throw new IllegalArgumentException("BalancedBinaryCrossEntropy: positiveWeight must be in [0, 1], or < 0 "
                    + "for auto; got " + positiveWeight);
        }
        this.positiveWeight = positiveWeight < 0 ? AUTO : positiveWeight;
    }

    /**
     * Whether w is computed per batch from the labels.
     *
     * @return true when the positive weight is {@link #AUTO}
     */
    @JsonIgnore
    public boolean isAutoPositiveWeight() {
        return positiveWeight < 0;
    }

    /**
     * The positive weight w for this batch: the fixed one, or the automatic balance (mask [rows, 1] or null).
     *
     * @param labels the batch's labels as rows {@code [rows, C]}, y ∈ [0, 1]
     * @param mask one value per pixel {@code [rows, 1]} (0 = ignore), or {@code null} when all are valid
     * @return the fixed w, or n<sub>neg</sub> / (n<sub>pos</sub> + n<sub>neg</sub>) over the valid elements (0.5 when
     *         nothing is valid)
     */
    public double positiveWeightFor(INDArray labels, INDArray mask) {
        if (!isAutoPositiveWeight()) {
            return positiveWeight;
        }
        INDArray y = labels.dataType().isFPType() ? labels : labels.castTo(DataType.FLOAT);
        double pos;
        double total;
        if (mask == null) {
            pos = y.sumNumber().doubleValue();
            total = y.length();
        } else {
            INDArray m = mask.castTo(y.dataType());
            pos = y.sum(true, 1).muli(m).sumNumber().doubleValue();
            total = m.sumNumber().doubleValue() * y.size(1);
        }
        return total > 0 ? (total - pos) / total : 0.5;
    }

    @Override
    protected void checkActivation(IActivation activationFn) {
        if (!(activationFn instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("BalancedBinaryCrossEntropy needs activation SIGMOID in its "
                    + "CnnLossLayer (preOutput are logits); got " + activationFn);
        }
    }

    @Override
    protected INDArray rowLoss(INDArray labels, INDArray x, IActivation activationFn, INDArray mask) {
        double w = positiveWeightFor(labels, mask);
        INDArray softplus = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false)
                .addi(Transforms.relu(x, true));
        INDArray loss = softplus.muli(coefficient(labels, w)).subi(labels.mul(x).muli(w));
        return loss.mean(true, 1);
    }

    @Override
    protected INDArray rowGradient(INDArray labels, INDArray x, IActivation activationFn, INDArray mask) {
        double w = positiveWeightFor(labels, mask);
        INDArray grad = Transforms.sigmoid(x, true).muli(coefficient(labels, w)).subi(labels.mul(w));
        return grad.divi(x.size(1));
    }

    /** c = (1−w) + (2w−1)·y. */
    private static INDArray coefficient(INDArray labels, double w) {
        return labels.mul(2 * w - 1).addi(1 - w);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Double.compare(positiveWeight, ((BalancedBinaryCrossEntropy) o).positiveWeight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), positiveWeight);
    }

    @Override
    public String toString() {
        String pw = isAutoPositiveWeight() ? "auto" : String.valueOf(positiveWeight);
        return "BalancedBinaryCrossEntropy(weight=" + getWeight() + ", pixelsPerExample=" + getPixelsPerExample()
                + ", positiveWeight=" + pw + ")";
    }
}
