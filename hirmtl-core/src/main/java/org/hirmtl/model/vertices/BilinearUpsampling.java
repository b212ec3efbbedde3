package org.hirmtl.model.vertices;

import java.util.Arrays;
import org.hirmtl.engine.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear upsampling by an integer factor and its adjoint, {@code out = A_h · x · A_wᵀ} and
 * {@code dx = A_hᵀ · e · A_w} for each of the {@code B = N·C} channel maps, as two GEMMs over all maps at once
 * (the interpolation matrices of {@link InterpolationMatrix}, built once per input size outside any workspace).
 * The computation of {@link BilinearUpsampleVertex} and of {@link UpsampledLoss}; one instance per layer or vertex
 * (it caches the matrices of the last size it saw).
 *
 * <p>Forward, with {@code x} viewed as {@code [B, h, w]}: transpose to {@code [B·w, h]}, multiply by {@code A_hᵀ}
 * giving {@code [B, w, fh]}, transpose to {@code [B·fh, w]} and multiply by {@code A_wᵀ} straight into the output
 * {@code [B, fh, fw]}. Backward mirrors it with {@code A_w} and {@code A_h}, so the gradient is exactly the adjoint.
 * The temporaries (transposed copies the size of the input and of {@code output / f}) live in a workspace of their
 * own only while a call runs.
 */
final class BilinearUpsampling {
    private static final String TEMPORARIES_ID = "HIRMTL_BILINEAR_TEMP";
    private final int factor;
    private final DataType dataType;
    private Matrices rows;
    private Matrices cols;

    /**
     * @param factor   the upsampling factor
     * @param dataType the data type of the arrays (the network's)
     */
    BilinearUpsampling(int factor, DataType dataType) {
        this.factor = factor;
        this.dataType = dataType;
    }

    /** An interpolation matrix {@code [in·f, in]} and its transpose, both contiguous, for one input length. */
    private record Matrices(int in, INDArray forward, INDArray transposed) {
        static Matrices of(int in, int factor, DataType type) {
            double[][] m = InterpolationMatrix.upsampling(in, factor);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray a = Nd4j.create(m).castTo(type);
                return new Matrices(in, a, a.transpose().dup('c'));
            }
        }
    }

    /** The input's {@code [n, c, h, w]}, its {@code b = n·c} channel maps, and the output's {@code fh × fw}. */
    private record Dims(long n, long c, int h, int w, long b, long fh, long fw) {
        Dims(INDArray x, int factor) {
            this(x.size(0), x.size(1), (int) x.size(2), (int) x.size(3), x.size(0) * x.size(1),
                    x.size(2) * factor, x.size(3) * factor);
        }
    }

    /** The upsampled shape of an {@code [N, C, h, w]} shape. */
    long[] outputShape(long[] in) {
        return new long[] {in[0], in[1], in[2] * factor, in[3] * factor};
    }

    private Matrices rowsFor(int h) {
        Matrices m = rows;
        if (m == null || m.in() != h) {
            m = Matrices.of(h, factor, dataType);
            rows = m;
        }
        return m;
    }

    private Matrices colsFor(int w) {
        Matrices m = cols;
        if (m == null || m.in() != w) {
            m = Matrices.of(w, factor, dataType);
            cols = m;
        }
        return m;
    }

    /**
     * Writes the upsampled {@code x} ({@code [N, C, h, w]}) into {@code out} ({@code [N, C, fh, fw]}, a C-order array
     * of its own, not a view).
     */
    void forward(INDArray x, INDArray out) {
        Dims d = new Dims(x, factor);
        requireShape(out, outputShape(x.shape()), "output");
        if (out.isView() || out.ordering() != 'c') {
            throw new IllegalArgumentException("bilinear upsampling: the output must be a C-order array, not a view");
        }
        try (MemoryWorkspace ignored = temporaries()) {
            INDArray xt = transposed(x.reshape('c', d.b(), d.h(), d.w()));
            INDArray u = Nd4j.createUninitialized(dataType, new long[] {d.b() * d.w(), d.fh()}, 'c');
            Nd4j.gemm(xt.reshape(d.b() * d.w(), d.h()), rowsFor(d.h()).transposed(), u, false, false, 1.0, 0.0);
            INDArray ut = transposed(u.reshape(d.b(), d.w(), d.fh()));
            Nd4j.gemm(ut.reshape(d.b() * d.fh(), d.w()), colsFor(d.w()).transposed(),
                    out.reshape(d.b() * d.fh(), d.fw()), false, false, 1.0, 0.0);
        }
    }

    /**
     * Writes the adjoint of the upsampling applied to {@code e} ({@code [N, C, fh, fw]}) into {@code dx}
     * ({@code [N, C, h, w]}, any layout, a view too): the gradient at the input for the gradient {@code e} at the
     * output.
     */
    void backward(INDArray e, INDArray dx) {
        Dims d = new Dims(dx, factor);
        requireShape(e, outputShape(dx.shape()), "output gradient");
        try (MemoryWorkspace ignored = temporaries()) {
            INDArray v = Nd4j.createUninitialized(dataType, new long[] {d.b() * d.fh(), d.w()}, 'c');
            Nd4j.gemm(e.reshape('c', d.b() * d.fh(), d.fw()), colsFor(d.w()).forward(), v, false, false, 1.0, 0.0);
            INDArray vt = transposed(v.reshape(d.b(), d.fh(), d.w()));
            INDArray g = Nd4j.createUninitialized(dataType, new long[] {d.b() * d.w(), d.h()}, 'c');
            Nd4j.gemm(vt.reshape(d.b() * d.w(), d.fh()), rowsFor(d.h()).forward(), g, false, false, 1.0, 0.0);
            dx.assign(transposed(g.reshape(d.b(), d.w(), d.h())).reshape('c', dx.shape()));
        }
    }

    /**
     * The scope of the temporaries: a workspace of their own on the calling thread, emptied when the scope closes
     * (so they never add to the caller's working memory, which stays allocated until the layer or vertex ends) and
     * sized by the largest set of temporaries it held. Freed with the thread's other workspaces
     * ({@code Workspaces.release()}).
     */
    private static MemoryWorkspace temporaries() {
        return Workspaces.scratch(TEMPORARIES_ID);
    }

    private static void requireShape(INDArray a, long[] expected, String what) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalStateException("bilinear upsampling: the " + what + " has shape "
                    + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(expected));
        }
    }

    /** A contiguous {@code [B, C, R]} copy of the {@code [B, R, C]} array {@code x}, in the current workspace. */
    private INDArray transposed(INDArray x) {
        INDArray t = Nd4j.createUninitialized(dataType, new long[] {x.size(0), x.size(2), x.size(1)}, 'c');
        return t.assign(x.permute(0, 2, 1));
    }
}
