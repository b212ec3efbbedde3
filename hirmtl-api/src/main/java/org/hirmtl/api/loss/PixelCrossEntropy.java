package org.hirmtl.api.loss;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-pixel cross-entropy for semantic segmentation and human parts, with ignored pixels masked out.
 *
 * <p>Labels are one-hot rows {@code [pixels, K]}; the layer's activation must be SOFTMAX (applied here to the 2-D
 * rows, never to an NCHW array). Per pixel
 * <pre>  ℓ = −Σ_k y_k log max(p_k, 1e-10),   p = softmax(z),</pre>
 * and the gradient is the exact one of the unclipped loss, dℓ/dz = p·Σ<sub>k</sub> y<sub>k</sub> − y (= p − y for
 * one-hot labels), so a confidently wrong pixel still gets a full gradient. Batch normalisation: see {@link PixelLoss}.
 */
public class PixelCrossEntropy extends PixelLoss {
    private static final long serialVersionUID = 1L;
    /** Probabilities are clipped at this value before the log. */
    public static final double CLIP = 1e-10;

    /** For Jackson: weight 1, pixelsPerExample unset. */
    public PixelCrossEntropy() {
    }

    /**
     * A loss with the given task weight and label size.
     *
     * @param weight task weight w_t
     * @param pixelsPerExample H*W of the labels
     */
    public PixelCrossEntropy(double weight, int pixelsPerExample) {
        super(weight, pixelsPerExample);
    }

    @Override
    protected void checkActivation(IActivation activationFn) {
        if (!(activationFn instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("PixelCrossEntropy needs activation SOFTMAX in its CnnLossLayer; got "
                    + activationFn);
        }
    }

    @Override
    protected INDArray rowLoss(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray logP = Transforms.log(Transforms.max(softmax(preOutput, activationFn), CLIP, false), false);
        return logP.muli(labels).sum(true, 1).negi();
    }

    @Override
    protected INDArray rowGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = softmax(preOutput, activationFn);
        return p.muliColumnVector(labels.sum(true, 1)).subi(labels);
    }

    private static INDArray softmax(INDArray preOutput, IActivation activationFn) {
        return activationFn.getActivation(preOutput.dup(), true);
    }
}
