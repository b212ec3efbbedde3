package org.hirmtl.api.loss;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Masked L1 for depth (C = 1) and surface normals (C = 3, the prediction L2-normalised by a graph vertex before the
 * loss layer, activation IDENTITY).
 *
 * <p>With a = activation(z), per pixel
 * <pre>  ℓ = Σ_c |a_c − y_c| / C,</pre>
 * i.e. the element mean over valid pixels after batch normalisation ({@link PixelLoss}). The gradient is
 * dℓ/da = sign(a − y) / C (subgradient 0 where a = y exactly), taken back through the activation's own backprop, so
 * any activation works. Missing depth and invalid normals are masked out.
 */
public class MaskedL1 extends PixelLoss {
    private static final long serialVersionUID = 1L;

    /** For Jackson: weight 1, pixelsPerExample unset. */
    public MaskedL1() {
    }

    /**
     * A loss with the given task weight and label size.
     *
     * @param weight task weight w_t
     * @param pixelsPerExample H*W of the labels
     */
    public MaskedL1(double weight, int pixelsPerExample) {
        super(weight, pixelsPerExample);
    }

    @Override
    protected INDArray rowLoss(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray diff = activationFn.getActivation(preOutput.dup(), true).subi(labels);
        return Transforms.abs(diff, false).mean(true, 1);
    }

    @Override
    protected INDArray rowGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray diff = activationFn.getActivation(preOutput.dup(), true).subi(labels);
        INDArray dLda = Transforms.sign(diff, false).divi(preOutput.size(1));
        return activationFn.backprop(preOutput.dup(), dLda).getFirst();
    }
}
