package org.hirmtl.engine.layers;

import java.util.OptionalDouble;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.common.primitives.Pair;

/**
 * The built-in pixel losses computed on the {@code [N, C, H, W]} arrays themselves, with the score and the gradient of
 * {@link PixelLoss}'s definition ({@code computeScore(average=false)} and {@code computeGradient}) but without the
 * 2-D copies DL4J's {@code CnnLossLayer} makes (the input and the labels permuted to {@code [N·H·W, C]}, the input
 * copied again for the loss, the loss's own copies, the gradient permuted back): at the NYUD size one 40-class
 * semseg output made about 1.3 GiB of such copies per step.
 *
 * <ul>
 *   <li>{@link PixelCrossEntropy} with softmax, {@link MaskedL1} with identity activation and
 *       {@link BalancedBinaryCrossEntropy} with sigmoid, any number of channels: one pass of Java loops over the
 *       arrays' memory ({@link PixelKernels}), the gradient written straight into its array.</li>
 *   <li>Any other built-in loss on one channel (e.g. L1 through tanh): {@code [N, 1, H, W]} in C order is the same
 *       memory as the {@code [N·H·W, 1]} rows, so the loss object runs on views.</li>
 * </ul>
 * Anything else (a plugin's loss, another activation, another layout) is left to DL4J's path: {@link #supports}
 * says which. A plugin's {@code PixelLoss} subclass is never taken here, even on one channel: it may compute more.
 */
public final class NchwLosses {
    private NchwLosses() {
    }

    /** Whether {@link #compute} handles this loss, activation, input, labels and label mask. */
    public static boolean supports(Object loss, IActivation act, INDArray z, INDArray labels, INDArray mask) {
        if (!(loss instanceof PixelLoss pl) || z == null || labels == null || z.rank() != 4
                || !z.equalShapes(labels) || !(z.dataType() == DataType.FLOAT || z.dataType() == DataType.DOUBLE)) {
            return false;
        }
        long rows = z.size(0) * z.size(2) * z.size(3);
        if (pl.getPixelsPerExample() <= 0 || rows % pl.getPixelsPerExample() != 0) {
            return false; // PixelLoss's own error message, through DL4J's path
        }
        if (mask != null && (mask.rank() != 4 || mask.size(0) != z.size(0) || mask.size(1) != 1
                || mask.size(2) != z.size(2) || mask.size(3) != z.size(3))) {
            return false;
        }
        Class<?> c = loss.getClass();
        return kernel(loss, act) != null
                || z.size(1) == 1 && (c == MaskedL1.class || c == BalancedBinaryCrossEntropy.class);
    }

    /**
     * The Java kernel for this loss and activation, or null (also on a backend other than the CPU's). Exact classes
     * only (a subclass may compute more).
     */
    private static PixelKernels.Kind kernel(Object loss, IActivation act) {
        Class<?> c = loss == null || !PixelKernels.AVAILABLE ? null : loss.getClass();
        if (c == PixelCrossEntropy.class && act instanceof ActivationSoftmax) {
            return PixelKernels.Kind.CROSS_ENTROPY;
        }
        if (c == MaskedL1.class && act instanceof ActivationIdentity) {
            return PixelKernels.Kind.L1;
        }
        if (c == BalancedBinaryCrossEntropy.class && act instanceof ActivationSigmoid) {
            return PixelKernels.Kind.BALANCED_BCE;
        }
        return null;
    }

    /** {@code a} in type {@code dt}, C order, readable in place by the kernels: itself, or a copy. */
    private static INDArray direct(INDArray a, DataType dt) {
        INDArray t = a.dataType() == dt ? a : a.castTo(dt);
        return PixelKernels.direct(t) ? t : t.dup('c');
    }

    /** The batch's positive weight for the balanced BCE (fixed, or from the labels and mask). */
    private static double positiveWeight(Object loss, INDArray y, INDArray m) {
        return loss instanceof BalancedBinaryCrossEntropy b
                ? b.isAutoPositiveWeight() ? PixelKernels.autoPositiveWeight(y, m) : b.getPositiveWeight() : 0;
    }

    /** The kernel on {@code z} (and {@code grad}), through contiguous copies where they are not in C order. */
    private static double onKernel(PixelKernels.Kind kind, INDArray z, INDArray y, INDArray m, INDArray grad,
                                   double scale, double w) {
        INDArray zd = direct(z, z.dataType());
        INDArray gd = grad == null ? null : grad == z ? zd : PixelKernels.direct(grad) ? grad
                : Nd4j.createUninitialized(grad.dataType(), grad.shape(), 'c');
        double sum = PixelKernels.compute(kind, zd, y, m, gd, scale, w);
        if (grad != null && gd != grad) {
            grad.assign(gd);
        }
        return sum;
    }

    /**
     * The loss's score as {@code loss.computeScore(labels2d, z2d, act, mask2d, false)} gives it, and, when
     * {@code grad} is not null, its gradient as {@code computeGradient} gives it, written into {@code grad} (same
     * shape as {@code z}) in {@code [N, C, H, W]}. Empty when {@link #supports} says no. {@code grad} may be
     * {@code z} itself: the gradient then replaces the pre-activations (one full-size array instead of two).
     * Otherwise {@code z} is not modified; {@code labels} and {@code mask} never are; temporaries go to the current
     * workspace.
     */
    public static OptionalDouble compute(Object loss, IActivation act, INDArray z, INDArray labels, INDArray mask,
                                         INDArray grad) {
        if (!supports(loss, act, z, labels, mask)) {
            return OptionalDouble.empty();
        }
        if (grad != null && !grad.equalShapes(z)) {
            throw new IllegalArgumentException("gradient array must have the shape of " + z.shapeInfoToString());
        }
        PixelLoss pl = (PixelLoss) loss;
        DataType dt = z.dataType();
        long n = z.size(0);
        long h = z.size(2);
        long w = z.size(3);
        long rows = n * h * w;
        PixelKernels.Kind kind = kernel(loss, act);
        if (kind == null) {
            INDArray y = labels.dataType() == dt ? labels : labels.castTo(dt);
            INDArray m = mask == null ? null : (mask.dataType() == dt ? mask : mask.castTo(dt)).reshape('c', n, h, w);
            return OptionalDouble.of(oneChannel(pl, act, z, y, m, grad, rows)); // the loss applied its own scale
        }
        INDArray y = direct(labels, dt);
        INDArray m = mask == null ? null : direct(mask, dt);
        double valid = m == null ? rows : m.sumNumber().doubleValue();
        double scale = pl.getWeight() * (rows / pl.getPixelsPerExample()) / Math.max(1.0, valid);
        double score = onKernel(kind, z, y, m, grad, scale, positiveWeight(loss, y, m)) * scale;
        return OptionalDouble.of(inPrecision(score, dt));
    }

    /**
     * A score as the network's type can hold it: beyond {@code Float.MAX_VALUE} a float network's loss is infinite
     * (the kernels sum in double, where it would still be finite; the trainer's divergence check, and PyTorch's float
     * loss, see infinity there).
     */
    public static double inPrecision(double score, DataType type) {
        return type == DataType.FLOAT && Math.abs(score) > Float.MAX_VALUE ? score * Double.POSITIVE_INFINITY : score;
    }

    /**
     * The loss of a batch computed a few examples at a time: the losses of the Java kernels are sums over examples
     * with batch-wide constants (the scale from the batch's valid pixels, the balanced BCE's positive weight from its
     * labels), so the pre-activations of the whole batch never need to exist at once. Empty for anything else, or
     * when {@link #supports} says no for the full batch's shape.
     *
     * @param zShape the shape of the batch's pre-activations ({@code [N, C, H, W]}, the labels' shape)
     */
    public static java.util.Optional<Chunked> chunked(Object loss, IActivation act, long[] zShape, INDArray labels,
                                                      INDArray mask) {
        PixelKernels.Kind kind = kernel(loss, act);
        // supports() for pre-activations of the labels' shape and type
        if (kind == null || labels == null || labels.rank() != 4 || !java.util.Arrays.equals(labels.shape(), zShape)
                || !supports(loss, act, labels, labels, mask)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Chunked((PixelLoss) loss, kind, labels, mask));
    }

    /** A batch's loss, computed over consecutive ranges of its examples: see {@link #chunked}. */
    public static final class Chunked {
        private final PixelKernels.Kind kind;
        private final INDArray y;
        private final INDArray m;
        private final double scale;
        private final double positiveWeight;

        private Chunked(PixelLoss loss, PixelKernels.Kind kind, INDArray labels, INDArray mask) {
            this.kind = kind;
            DataType dt = labels.dataType();
            long rows = labels.size(0) * labels.size(2) * labels.size(3);
            this.y = direct(labels, dt);
            this.m = mask == null ? null : direct(mask, dt);
            double valid = m == null ? rows : m.sumNumber().doubleValue();
            this.scale = loss.getWeight() * (rows / loss.getPixelsPerExample()) / Math.max(1.0, valid);
            this.positiveWeight = positiveWeight(loss, y, m);
        }

        /**
         * The score of examples {@code from … from + k − 1} (their part of what {@link #compute} returns for the
         * batch) and their gradient, written into {@code grad}; {@code z} and {@code grad} are {@code [k, C, H, W]}
         * and may be the same array (the gradient then replaces the pre-activations).
         */
        public double compute(long from, INDArray z, INDArray grad) {
            long to = from + z.size(0);
            INDArray yc = direct(rows(y, from, to), z.dataType());
            INDArray mc = m == null ? null : direct(rows(m, from, to), z.dataType());
            return onKernel(kind, z, yc, mc, grad, scale, positiveWeight) * scale;
        }

        private static INDArray rows(INDArray a, long from, long to) {
            return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
        }
    }

    /** One channel: the loss itself on {@code [N·H·W, 1]} views. Returns the scaled score. */
    private static double oneChannel(PixelLoss loss, IActivation act, INDArray z, INDArray y, INDArray m,
                                     INDArray grad, long rows) {
        INDArray z2 = z.reshape('c', rows, 1); // a view in C order, a copy otherwise
        INDArray y2 = y.reshape('c', rows, 1);
        INDArray m2 = m == null ? null : m.reshape('c', rows, 1);
        if (grad == null) {
            return loss.computeScore(y2, z2, act, m2, false);
        }
        Pair<Double, INDArray> r = loss.computeGradientAndScore(y2, z2, act, m2, false);
        grad.assign(r.getSecond().reshape('c', z.shape())); // element-wise, whatever grad's strides
        return r.getFirst();
    }

    /**
     * out = softmax(z) over axis 1, as max-shifted exponentials divided by their sum (broadcast ops). Not libnd4j's
     * {@code softmax} op along axis 1: in float (its oneDNN path, M2.1) it returned rows that sum to 0.8–1.3 on a
     * convolution's output and was off by up to 0.07 on a dense C-order array (double is right), found by
     * {@code LeanLossTest}.
     */
    public static void softmaxOverChannels(INDArray z, INDArray out) {
        INDArray max = z.max(1); // [N, H, W]
        Nd4j.getExecutioner().exec(new BroadcastSubOp(z, max, out, 0, 2, 3));
        Transforms.exp(out, false);
        Nd4j.getExecutioner().exec(new BroadcastDivOp(out, out.sum(1), out, 0, 2, 3));
    }
}
