package org.hirmtl.engine.layers;

import java.util.OptionalDouble;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
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
 *   <li>{@link PixelCrossEntropy} with softmax: the softmax over the channel axis is written straight into the
 *       gradient array; the score is taken from it one example at a time (one example-size temporary).</li>
 *   <li>{@link MaskedL1} with identity activation (normals, depth): the difference is written into the gradient
 *       array, the score taken from it per example, then it becomes sign/C in place.</li>
 *   <li>Any built-in loss on one channel (depth, edges, saliency): {@code [N, 1, H, W]} in C order is the same memory
 *       as the {@code [N·H·W, 1]} rows, so the loss runs on views.</li>
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
        if (c == PixelCrossEntropy.class) {
            return act instanceof ActivationSoftmax;
        }
        if (c == MaskedL1.class && act instanceof ActivationIdentity) {
            return true;
        }
        return z.size(1) == 1 && (c == MaskedL1.class || c == BalancedBinaryCrossEntropy.class);
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
        INDArray y = labels.dataType() == dt ? labels : labels.castTo(dt);
        long n = z.size(0);
        long h = z.size(2);
        long w = z.size(3);
        INDArray m = mask == null ? null : (mask.dataType() == dt ? mask : mask.castTo(dt)).reshape('c', n, h, w);
        long rows = n * h * w;
        double valid = m == null ? rows : m.sumNumber().doubleValue();
        double scale = pl.getWeight() * (rows / pl.getPixelsPerExample()) / Math.max(1.0, valid);
        Class<?> c = loss.getClass();
        double sum;
        if (c == PixelCrossEntropy.class) {
            sum = crossEntropy(z, y, m, grad, scale);
        } else if (c == MaskedL1.class && act instanceof ActivationIdentity) {
            sum = l1(z, y, m, grad, scale);
        } else {
            sum = oneChannel(pl, act, z, y, m, grad, rows);
            return OptionalDouble.of(sum); // the loss applied its own scale
        }
        return OptionalDouble.of(sum * scale);
    }

    /**
     * The loss of a batch computed a few examples at a time: the multi-channel built-in losses ({@link
     * PixelCrossEntropy} with softmax, {@link MaskedL1} with identity) are sums over examples with one batch-wide scale
     * (from the batch's valid pixels), so the pre-activations of the whole batch never need to exist at once.
     * Empty for anything else (the one-channel losses are computed by the loss objects over the whole batch, and
     * {@link BalancedBinaryCrossEntropy} balances over the whole batch), or when {@link #supports} says no for the
     * full batch's shape.
     *
     * @param zShape the shape of the batch's pre-activations ({@code [N, C, H, W]}, the labels' shape)
     */
    public static java.util.Optional<Chunked> chunked(Object loss, IActivation act, long[] zShape, INDArray labels,
                                                      INDArray mask) {
        Class<?> c = loss == null ? null : loss.getClass();
        boolean separable = c == PixelCrossEntropy.class && act instanceof ActivationSoftmax
                || c == MaskedL1.class && act instanceof ActivationIdentity;
        // supports() for pre-activations of the labels' shape and type
        if (!separable || labels == null || labels.rank() != 4 || !java.util.Arrays.equals(labels.shape(), zShape)
                || !supports(loss, act, labels, labels, mask)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Chunked((PixelLoss) loss, labels, mask));
    }

    /** A batch's loss, computed over consecutive ranges of its examples: see {@link #chunked}. */
    public static final class Chunked {
        private final PixelLoss loss;
        private final INDArray y;
        private final INDArray m;
        private final double scale;

        private Chunked(PixelLoss loss, INDArray labels, INDArray mask) {
            this.loss = loss;
            DataType dt = labels.dataType();
            long n = labels.size(0);
            long h = labels.size(2);
            long w = labels.size(3);
            this.y = labels;
            this.m = mask == null ? null : (mask.dataType() == dt ? mask : mask.castTo(dt)).reshape('c', n, h, w);
            long rows = n * h * w;
            double valid = m == null ? rows : m.sumNumber().doubleValue();
            this.scale = loss.getWeight() * (rows / loss.getPixelsPerExample()) / Math.max(1.0, valid);
        }

        /**
         * The score of examples {@code from … from + k − 1} (their part of what {@link #compute} returns for the
         * batch) and their gradient, written into {@code grad}; {@code z} and {@code grad} are {@code [k, C, H, W]}
         * and may be the same array (the gradient then replaces the pre-activations).
         */
        public double compute(long from, INDArray z, INDArray grad) {
            long to = from + z.size(0);
            INDArray yc = rows(y, from, to);
            if (yc.dataType() != z.dataType()) {
                yc = yc.castTo(z.dataType());
            }
            INDArray mc = m == null ? null : rows(m, from, to);
            if (mc != null && mc.dataType() != z.dataType()) {
                mc = mc.castTo(z.dataType());
            }
            double sum = loss.getClass() == PixelCrossEntropy.class ? crossEntropy(z, yc, mc, grad, scale)
                    : l1(z, yc, mc, grad, scale);
            return sum * scale;
        }

        private static INDArray rows(INDArray a, long from, long to) {
            return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
        }
    }

    /** Σ m·ℓ; the gradient (p·Σy − y)·m·scale into grad. */
    private static double crossEntropy(INDArray z, INDArray y, INDArray m, INDArray grad, double scale) {
        INDArray p = grad != null ? grad : Nd4j.createUninitialized(z.dataType(), z.shape(), 'c');
        softmaxOverChannels(z, p);
        double sum = 0;
        INDArray logP = example(p); // one example's worth of temporary, reused
        for (long i = 0; i < z.size(0); i++) {
            Transforms.log(Transforms.max(logP.assign(p.slice(i)), PixelCrossEntropy.CLIP, false), false);
            INDArray rowLoss = logP.muli(y.slice(i)).sum(0).negi(); // [H, W]
            sum += (m == null ? rowLoss : rowLoss.muli(m.slice(i))).sumNumber().doubleValue();
        }
        if (grad != null) {
            broadcastOverChannels(p, y.sum(1)); // p·Σ_k y_k
            p.subi(y);
            masked(p, m).muli(scale);
        }
        return sum;
    }

    /** Σ m·mean_c|z − y|; the gradient sign(z − y)/C·m·scale into grad. */
    private static double l1(INDArray z, INDArray y, INDArray m, INDArray grad, double scale) {
        INDArray d = grad != null ? grad : Nd4j.createUninitialized(z.dataType(), z.shape(), 'c');
        z.sub(y, d);
        double sum = 0;
        INDArray abs = example(d);
        for (long i = 0; i < z.size(0); i++) {
            INDArray rowLoss = Transforms.abs(abs.assign(d.slice(i)), false).mean(0); // [H, W]
            sum += (m == null ? rowLoss : rowLoss.muli(m.slice(i))).sumNumber().doubleValue();
        }
        if (grad != null) {
            Transforms.sign(d, false).divi(z.size(1));
            masked(d, m).muli(scale);
        }
        return sum;
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

    /** An uninitialised {@code [C, H, W]} array, one example of {@code a}, in the current workspace. */
    private static INDArray example(INDArray a) {
        return Nd4j.createUninitialized(a.dataType(), new long[] {a.size(1), a.size(2), a.size(3)}, 'c');
    }

    private static INDArray masked(INDArray g, INDArray m) {
        return m == null ? g : broadcastOverChannels(g, m);
    }

    /** g[n, c, h, w] *= v[n, h, w], in place. */
    private static INDArray broadcastOverChannels(INDArray g, INDArray v) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(g, v, g, 0, 2, 3));
        return g;
    }
}
