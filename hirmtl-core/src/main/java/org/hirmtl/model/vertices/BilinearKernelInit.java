package org.hirmtl.model.vertices;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Fills a depthwise convolution weight {@code [k, k, nIn, depthMultiplier]} (DL4J's layout) with the separable kernel
 * that turns nearest upsampling by {@code factor} into bilinear upsampling with half-pixel centres, i.e. PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)}, exactly away from the borders.
 *
 * <p>1-D kernel: for even {@code s}, length {@code s + 1}, {@code [1, 2, 2, ..., 2, 1] / (2s)} (s = 2:
 * {@code [1,2,1]/4}); for odd {@code s}, length {@code s}, {@code [1, ..., 1] / s}. The 2-D kernel is the outer
 * product. Used with {@code ConvolutionMode.Same}, no bias, after {@code Upsampling2D(s)}, in a
 * {@code FrozenLayerWithBackprop}.
 *
 * <p>Kept only so that checkpoints written before {@link BilinearUpsampleVertex} replaced that construction still
 * load (and resume): the zero padding of the filter darkened the outer {@code floor(s/2)} output pixels. New models
 * never use it.
 *
 * <p>Saved in model JSON as {@code {"@class": "org.hirmtl.model.vertices.BilinearKernelInit", "factor": s}}.
 */
public final class BilinearKernelInit implements IWeightInit {
    private static final long serialVersionUID = 1L;

    private final int factor;

    /** @param factor the upsampling factor {@code s}, at least 2 */
    public BilinearKernelInit(@JsonProperty("factor") int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("bilinear upsampling factor must be at least 2, got " + factor);
        }
        this.factor = factor;
    }

    /** The upsampling factor {@code s}. */
    public int getFactor() {
        return factor;
    }

    /** The kernel size for {@code factor}: {@code s + 1} when even, {@code s} when odd (always odd). */
    public static int kernelSize(int factor) {
        return factor % 2 == 0 ? factor + 1 : factor;
    }

    /** The 1-D kernel for {@code factor} (sums to 1). */
    public static double[] kernel1d(int factor) {
        int k = kernelSize(factor);
        double[] kernel = new double[k];
        if (factor % 2 == 0) {
            Arrays.fill(kernel, 2.0 / (2.0 * factor));
            kernel[0] = 1.0 / (2.0 * factor);
            kernel[k - 1] = 1.0 / (2.0 * factor);
        } else {
            Arrays.fill(kernel, 1.0 / factor);
        }
        return kernel;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        int k = kernelSize(factor);
        if (shape.length != 4 || shape[0] != k || shape[1] != k) {
            throw new IllegalStateException(this + " fills depthwise weights of shape [" + k + ", " + k
                    + ", nIn, depthMultiplier], got " + Arrays.toString(shape));
        }
        double[] kernel = kernel1d(factor);
        long copies = shape[2] * shape[3];
        double[] data = new double[(int) (k * k * copies)];
        int i = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (long c = 0; c < copies; c++) {
                    data[i++] = kernel[a] * kernel[b];
                }
            }
        }
        INDArray weights = Nd4j.create(data, shape, 'c').castTo(paramView.dataType());
        paramView.assign(Nd4j.toFlattened(order, weights).reshape(paramView.shape()));
        return paramView.reshape(order, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BilinearKernelInit && ((BilinearKernelInit) o).factor == factor;
    }

    @Override
    public int hashCode() {
        return 31 * BilinearKernelInit.class.getName().hashCode() + factor;
    }

    @Override
    public String toString() {
        return "BilinearKernelInit(factor=" + factor + ")";
    }
}
