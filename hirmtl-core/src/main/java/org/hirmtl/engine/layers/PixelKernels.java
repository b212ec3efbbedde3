package org.hirmtl.engine.layers;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The built-in pixel losses as one pass of plain Java loops over the {@code [N, C, H, W]} arrays' memory: per pixel the
 * loss over its C channels (read with stride H·W), its contribution to the score, and its gradient — where ND4J needs
 * one native op per tensor expression, five to ten passes per loss, and reductions along the channel axis that cost
 * about 12 ns per pixel at C = 8 (measured: 25 ms for the cross-entropy of a quick-start output, 20 ms for a balanced
 * BCE on one channel). Pixels are split into fixed blocks run on the common fork-join pool; each block's sum is kept
 * and the sums are added in block order, so the score does not depend on the number of threads.
 *
 * <p>Every element is computed in double precision, stored in the arrays' type. Per pixel, with mask value m and the
 * batch's {@code scale} ({@code weight · N / valid pixels}):
 * <ul>
 *   <li>cross-entropy with softmax: ℓ = −Σ<sub>k</sub> y<sub>k</sub>·max(log p<sub>k</sub>, log 1e-10) with log p
 *       = z − max z − log Σ exp(z − max z); gradient (p·Σy − y)·m·scale;</li>
 *   <li>L1 with identity: ℓ = mean<sub>c</sub> |z − y|; gradient sign(z − y)/C·m·scale;</li>
 *   <li>balanced BCE with sigmoid: ℓ = mean<sub>c</sub> [c·softplus(x) − w·y·x], c = (1−w) + (2w−1)·y; gradient
 *       (c·σ(x) − w·y)/C·m·scale.</li>
 * </ul>
 * The returned sum is Σ m·ℓ (unscaled). The gradient array may be the pre-activation array itself.
 */
final class PixelKernels {
    /** Pixels per block of work. */
    private static final int BLOCK = 1024;
    private static final double LOG_CLIP = Math.log(PixelCrossEntropy.CLIP);

    private PixelKernels() {
    }

    /** The losses the kernels compute. */
    enum Kind { CROSS_ENTROPY, L1, BALANCED_BCE }

    /** Host memory read through NIO: only on ND4J's CPU backend (on CUDA the arrays live on the device). */
    static final boolean AVAILABLE = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getName()
            .startsWith("org.nd4j.linalg.cpu.");

    /**
     * Whether {@code a} can be read in place: float or double, C order with the default strides, its buffer not a
     * view with an offset of its own, within the int range of NIO buffers.
     */
    static boolean direct(INDArray a) {
        return a != null && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && contiguous(a)
                && a.data().offset() == 0 && a.offset() + a.length() <= Integer.MAX_VALUE
                && a.data().length() <= Integer.MAX_VALUE;
    }

    /** Elements in C order without gaps (the stride of a dimension of size 1 does not matter). */
    private static boolean contiguous(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * Bulk access to an array's memory: runs of elements copied to and from {@code double[]} (plain Java arrays are
     * several times faster to loop over than NIO buffers element by element).
     */
    private abstract static sealed class Mem permits F, D {
        final int base;

        Mem(INDArray a) {
            this.base = (int) a.offset();
        }

        /** Copies {@code len} elements from element {@code index} into {@code dst[off …]}. */
        abstract void load(int index, double[] dst, int off, int len, Scratch s);

        /** Copies {@code src[off …]} ({@code len} elements) to element {@code index}. */
        abstract void store(int index, double[] src, int off, int len, Scratch s);

        static Mem of(INDArray a) {
            if (!direct(a)) {
                throw new IllegalArgumentException("not a C-order array of its own: " + a.shapeInfoToString());
            }
            return a.dataType() == DataType.FLOAT ? new F(a) : new D(a);
        }
    }

    private static final class F extends Mem {
        private final FloatBuffer b;

        F(INDArray a) {
            super(a);
            b = a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        @Override
        void load(int index, double[] dst, int off, int len, Scratch s) {
            float[] f = s.floats(len);
            b.get(base + index, f, 0, len);
            for (int j = 0; j < len; j++) {
                dst[off + j] = f[j];
            }
        }

        @Override
        void store(int index, double[] src, int off, int len, Scratch s) {
            float[] f = s.floats(len);
            for (int j = 0; j < len; j++) {
                f[j] = (float) src[off + j];
            }
            b.put(base + index, f, 0, len);
        }
    }

    private static final class D extends Mem {
        private final DoubleBuffer b;

        D(INDArray a) {
            super(a);
            b = a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }

        @Override
        void load(int index, double[] dst, int off, int len, Scratch s) {
            b.get(base + index, dst, off, len);
        }

        @Override
        void store(int index, double[] src, int off, int len, Scratch s) {
            b.put(base + index, src, off, len);
        }
    }

    /** A thread's working arrays, kept between calls (grown when a call needs more). */
    private static final class Scratch {
        private double[] z = new double[0];
        private double[] y = new double[0];
        private double[] e = new double[0];
        private double[] m = new double[0];
        private double[] t = new double[0];
        private double[] factors = new double[0];
        private float[] f = new float[0];

        private double[][] perPixel = new double[0][];

        /** {@code count} arrays of at least {@code n} elements (not cleared). */
        double[][] perPixel(int count, int n) {
            if (perPixel.length < count || perPixel[0].length < n) {
                perPixel = new double[count][n];
            }
            return perPixel;
        }

        double[] factors(int n) {
            if (factors.length < n) {
                factors = new double[n];
            }
            return factors;
        }

        float[] floats(int n) {
            if (f.length < n) {
                f = new float[n];
            }
            return f;
        }

        /** Sizes the arrays for {@code c} planes of {@code p} pixels. */
        Scratch size(int c, int p) {
            if (z.length < c * p) {
                z = new double[c * p];
                y = new double[c * p];
                e = new double[c * p];
            }
            if (m.length < p) {
                m = new double[p];
                t = new double[p];
            }
            return this;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One block: pixels {@code from … to − 1} of example {@code i}, its planes loaded into the thread's scratch. */
    private record Block(Mem z, Mem y, Mem mask, Mem g, int i, int c, int hw, int from, int to) {
        int pixels() {
            return to - from;
        }

        /** Loads z, y (plane k at {@code k·P}) and the mask (1 where there is none) into {@code s}. */
        Scratch load(Scratch s) {
            int p = pixels();
            s.size(c, p);
            int base = i * c * hw + from;
            for (int k = 0; k < c; k++) {
                z.load(base + k * hw, s.z, k * p, p, s);
                y.load(base + k * hw, s.y, k * p, p, s);
            }
            if (mask == null) {
                java.util.Arrays.fill(s.m, 0, p, 1.0);
            } else {
                mask.load(i * hw + from, s.m, 0, p, s);
            }
            return s;
        }

        /** Stores the gradient, computed into {@code s.z}, when there is a gradient array. */
        void store(Scratch s) {
            if (g == null) {
                return;
            }
            int p = pixels();
            int base = i * c * hw + from;
            for (int k = 0; k < c; k++) {
                g.store(base + k * hw, s.z, k * p, p, s);
            }
        }
    }

    /**
     * The positive weight of the automatic balance over the valid elements: n<sub>neg</sub> / (n<sub>pos</sub> +
     * n<sub>neg</sub>), 0.5 when nothing is valid ({@code BalancedBinaryCrossEntropy.positiveWeightFor}).
     *
     * @param y    labels {@code [N, C, H, W]}, direct
     * @param mask {@code [N, 1, H, W]} (or {@code [N, H, W]}), direct, or null
     */
    static double autoPositiveWeight(INDArray y, INDArray mask) {
        Mem ym = Mem.of(y);
        Mem mm = mask == null ? null : Mem.of(mask);
        int n = (int) y.size(0);
        int c = (int) y.size(1);
        int hw = (int) (y.size(2) * y.size(3));
        Scratch s = SCRATCH.get();
        double pos = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int from = 0; from < hw; from += BLOCK) {
                Block b = new Block(ym, ym, mm, null, i, c, hw, from, Math.min(hw, from + BLOCK));
                b.load(s);
                int p = b.pixels();
                for (int j = 0; j < p; j++) {
                    double ys = 0;
                    for (int k = 0; k < c; k++) {
                        ys += s.y[k * p + j];
                    }
                    pos += s.m[j] * ys;
                    total += s.m[j] * c;
                }
            }
        }
        return total > 0 ? (total - pos) / total : 0.5;
    }

    /**
     * Σ m·ℓ over all pixels of {@code z} and, when {@code grad} is not null, the gradient times {@code scale} into it.
     *
     * @param z     pre-activations {@code [N, C, H, W]}, direct
     * @param y     labels, the same shape, direct
     * @param mask  {@code [N, 1, H, W]} or {@code [N, H, W]}, direct, or null (all valid)
     * @param grad  the gradient's array, the same shape, direct (may be {@code z}), or null
     * @param w     the positive weight (balanced BCE only)
     */
    static double compute(Kind kind, INDArray z, INDArray y, INDArray mask, INDArray grad, double scale, double w) {
        Mem zm = Mem.of(z);
        Mem ym = Mem.of(y);
        Mem mm = mask == null ? null : Mem.of(mask);
        Mem gm = grad == null ? null : Mem.of(grad);
        int n = (int) z.size(0);
        int c = (int) z.size(1);
        int hw = (int) (z.size(2) * z.size(3));
        int perExample = (hw + BLOCK - 1) / BLOCK;
        double[] sums = new double[n * perExample];
        IntStream blocks = IntStream.range(0, sums.length);
        if (sums.length > 1 && (long) n * c * hw >= 1 << 16) {
            blocks = blocks.parallel();
        }
        blocks.forEach(b -> {
            int from = (b % perExample) * BLOCK;
            Block block = new Block(zm, ym, mm, gm, b / perExample, c, hw, from, Math.min(hw, from + BLOCK));
            Scratch s = block.load(SCRATCH.get());
            sums[b] = switch (kind) {
                case CROSS_ENTROPY -> crossEntropy(s, c, block.pixels(), scale);
                case L1 -> l1(s, c, block.pixels(), scale);
                case BALANCED_BCE -> balancedBce(s, c, block.pixels(), scale, w);
            };
            block.store(s);
        });
        double sum = 0;
        for (double s : sums) {
            sum += s;
        }
        return sum;
    }

    /** Σ m·ℓ of the block; the gradient into {@code s.z}. Loops go plane by plane (each a contiguous run). */
    private static double crossEntropy(Scratch s, int c, int p, double scale) {
        double[] z = s.z;
        double[] y = s.y;
        double[] e = s.e;
        double[] m = s.m;
        double[] max = s.t;
        double[][] px = s.perPixel(4, p);
        double[] total = px[0];
        double[] loss = px[1];
        double[] ySum = px[2];
        double[] f = px[3];
        for (int j = 0; j < p; j++) {
            max[j] = Double.NEGATIVE_INFINITY;
            total[j] = 0;
            loss[j] = 0;
            ySum[j] = 0;
        }
        for (int k = 0; k < c; k++) {
            int o = k * p;
            for (int j = 0; j < p; j++) {
                max[j] = Math.max(max[j], z[o + j]);
            }
        }
        for (int k = 0; k < c; k++) {
            int o = k * p;
            for (int j = 0; j < p; j++) {
                double v = Math.exp(z[o + j] - max[j]);
                e[o + j] = v;
                total[j] += v;
            }
        }
        for (int j = 0; j < p; j++) {
            max[j] += Math.log(total[j]); // max + log Σ exp: log p = z − this
        }
        for (int k = 0; k < c; k++) {
            int o = k * p;
            for (int j = 0; j < p; j++) {
                double yk = y[o + j];
                if (yk != 0) {
                    loss[j] -= yk * Math.max(z[o + j] - max[j], LOG_CLIP);
                    ySum[j] += yk;
                }
            }
        }
        double sum = 0;
        for (int j = 0; j < p; j++) {
            sum += m[j] * loss[j];
            f[j] = m[j] * scale;
            total[j] = ySum[j] / total[j] * f[j]; // gradient = e·(Σy / Σe)·f − y·f
        }
        for (int k = 0; k < c; k++) {
            int o = k * p;
            for (int j = 0; j < p; j++) {
                z[o + j] = e[o + j] * total[j] - y[o + j] * f[j];
            }
        }
        return sum;
    }

    private static double l1(Scratch s, int c, int p, double scale) {
        double[] z = s.z;
        double[] y = s.y;
        double[] m = s.m;
        double[] abs = s.t;
        double[] f = s.factors(p);
        for (int j = 0; j < p; j++) {
            abs[j] = 0;
            f[j] = m[j] * scale / c;
        }
        for (int k = 0; k < c; k++) {
            int o = k * p;
            for (int j = 0; j < p; j++) {
                double d = z[o + j] - y[o + j];
                abs[j] += Math.abs(d);
                z[o + j] = d == 0 ? 0.0 : Math.copySign(f[j], d); // sign(d)·f, with sign(0) = 0
            }
        }
        double sum = 0;
        for (int j = 0; j < p; j++) {
            sum += m[j] * abs[j];
        }
        return sum / c;
    }

    /**
     * log(1 + e) for e in [0, 1]: {@code Math.log1p} is not an intrinsic (about ten times {@code Math.log}); below
     * 1e-3 the series to e³ (relative error under 1e-9), else {@code Math.log(1 + e)} (1 + e has no cancellation).
     */
    private static double log1p(double e) {
        return e < 1e-3 ? e * (1 - e * (0.5 - e / 3)) : Math.log(1 + e);
    }

    private static double balancedBce(Scratch s, int c, int p, double scale, double w) {
        double[] z = s.z;
        double[] y = s.y;
        double[] m = s.m;
        double[] loss = s.t;
        double[] f = s.factors(p);
        for (int j = 0; j < p; j++) {
            loss[j] = 0;
            f[j] = m[j] * scale / c;
        }
        for (int k = 0; k < c; k++) {
            int o = k * p;
            for (int j = 0; j < p; j++) {
                double x = z[o + j];
                double yk = y[o + j];
                double coef = (1 - w) + (2 * w - 1) * yk;
                double e = Math.exp(-Math.abs(x));
                loss[j] += coef * (Math.max(x, 0) + log1p(e)) - w * yk * x;
                double sigmoid = (x >= 0 ? 1 : e) / (1 + e);
                z[o + j] = (coef * sigmoid - w * yk) * f[j];
            }
        }
        double sum = 0;
        for (int j = 0; j < p; j++) {
            sum += m[j] * loss[j];
        }
        return sum / c;
    }
}
