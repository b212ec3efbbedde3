package org.hirmtl.model.vertices;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link BilinearUpsampleVertex}: {@code out = A_h · x · A_wᵀ} for each of the {@code B = N·C} channel
 * maps, as two GEMMs over all maps at once.
 *
 * <p>Forward, with {@code x} viewed as {@code [B, h, w]}: transpose to {@code [B·w, h]}, multiply by {@code A_hᵀ}
 * ({@code [h, fh]}) giving {@code [B, w, fh]}, transpose to {@code [B·fh, w]} and multiply by {@code A_wᵀ}
 * ({@code [w, fw]}) straight into the output {@code [B, fh, fw]}. Backward mirrors it with {@code A_w} and
 * {@code A_h}, so the gradient is exactly the adjoint. The transposed copies are the size of the input and of
 * {@code output / f}; they live in the layer's working-memory workspace. The interpolation matrices are built once
 * per input size, outside any workspace.
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public final class BilinearUpsampleVertexImpl extends ParameterFreeVertex {
    private static final long serialVersionUID = 1L;

    private final int factor;
    private transient Matrices rows;
    private transient Matrices cols;

    /**
     * @param graph    the graph this vertex belongs to
     * @param name     the vertex name
     * @param index    the vertex index in the graph
     * @param factor   the upsampling factor
     * @param dataType the network's data type
     */
    public BilinearUpsampleVertexImpl(ComputationGraph graph, String name, int index, int factor,
            DataType dataType) {
        super(graph, name, index, dataType);
        this.factor = factor;
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

    /** The input's {@code [n, c, h, w]} and the output's spatial size; {@code maps() = n·c} channel maps. */
    private record Dims(long n, long c, int h, int w, int factor) {
        Dims(INDArray x, int factor) {
            this(x.size(0), x.size(1), (int) x.size(2), (int) x.size(3), factor);
        }

        long maps() {
            return n * c;
        }

        long fh() {
            return (long) h * factor;
        }

        long fw() {
            return (long) w * factor;
        }
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

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(this + ": cannot do forward pass, inputs not set");
        }
        INDArray x = input();
        Dims d = new Dims(x, factor);
        long b = d.maps();
        long n = d.n();
        long c = d.c();
        int h = d.h();
        int w = d.w();
        long fh = d.fh();
        long fw = d.fw();
        INDArray xt = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, b * w, h);
        xt.reshape(b, w, h).assign(x.reshape('c', b, h, w).permute(0, 2, 1));
        INDArray u = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, b * w, fh);
        Nd4j.gemm(xt, rowsFor(h).transposed(), u, false, false, 1.0, 0.0);
        INDArray ut = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, b * fh, w);
        ut.reshape(b, fh, w).assign(u.reshape(b, w, fh).permute(0, 2, 1));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {n, c, fh, fw},
                'c');
        Nd4j.gemm(ut, colsFor(w).transposed(), out.reshape(b * fh, fw), false, false, 1.0, 0.0);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(this + ": cannot do backward pass, inputs or epsilon not set");
        }
        INDArray x = input();
        Dims d = new Dims(x, factor);
        long b = d.maps();
        long n = d.n();
        long c = d.c();
        int h = d.h();
        int w = d.w();
        long fh = d.fh();
        long fw = d.fw();
        INDArray e = epsilon.castTo(dataType);
        if (e.rank() != 4 || e.size(0) != n || e.size(1) != c || e.size(2) != fh || e.size(3) != fw) {
            throw new IllegalStateException(vertexName + ": the output gradient has shape "
                    + java.util.Arrays.toString(e.shape()) + ", expected [" + n + ", " + c + ", " + fh + ", " + fw
                    + "]");
        }
        INDArray e2 = e.reshape('c', b * fh, fw);
        INDArray v = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, b * fh, w);
        Nd4j.gemm(e2, colsFor(w).forward(), v, false, false, 1.0, 0.0);
        INDArray vt = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, b * w, fh);
        vt.reshape(b, w, fh).assign(v.reshape(b, fh, w).permute(0, 2, 1));
        INDArray g = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, b * w, h);
        Nd4j.gemm(vt, rowsFor(h).forward(), g, false, false, 1.0, 0.0);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {n, c, h, w},
                'c');
        dx.reshape(b, h, w).assign(g.reshape(b, w, h).permute(0, 2, 1));
        return new Pair<>(null, new INDArray[] {dx});
    }

    /** The single input, cast to the network type, checked to be rank 4. */
    private INDArray input() {
        if (inputs.length != 1) {
            throw new IllegalStateException(this + ": expected 1 input, got " + inputs.length);
        }
        INDArray x = inputs[0].castTo(dataType);
        CnnShapes.requireRank4(x, vertexName, "input 0");
        return x;
    }

    @Override
    public String toString() {
        return "BilinearUpsampleVertex(name=\"" + vertexName + "\", factor=" + factor + ")";
    }
}
