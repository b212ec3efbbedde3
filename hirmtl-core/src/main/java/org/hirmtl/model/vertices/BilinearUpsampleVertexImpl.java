package org.hirmtl.model.vertices;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
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
public final class BilinearUpsampleVertexImpl extends ParameterFreeVertexImpl {
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

    /** The input's {@code [n, c, h, w]}, its {@code b = n·c} channel maps, and the output's {@code fh × fw}. */
    private record Dims(long n, long c, int h, int w, long b, long fh, long fw) {
        Dims(INDArray x, int factor) {
            this(x.size(0), x.size(1), (int) x.size(2), (int) x.size(3), x.size(0) * x.size(1),
                    x.size(2) * factor, x.size(3) * factor);
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
        INDArray xt = transposed(x.reshape('c', d.b(), d.h(), d.w()), ArrayType.FF_WORKING_MEM, workspaceMgr);
        INDArray u = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, d.b() * d.w(), d.fh());
        Nd4j.gemm(xt.reshape(d.b() * d.w(), d.h()), rowsFor(d.h()).transposed(), u, false, false, 1.0, 0.0);
        INDArray ut = transposed(u.reshape(d.b(), d.w(), d.fh()), ArrayType.FF_WORKING_MEM, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {d.n(), d.c(), d.fh(), d.fw()}, 'c');
        Nd4j.gemm(ut.reshape(d.b() * d.fh(), d.w()), colsFor(d.w()).transposed(), out.reshape(d.b() * d.fh(), d.fw()),
                false, false, 1.0, 0.0);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(this + ": cannot do backward pass, inputs or epsilon not set");
        }
        INDArray x = input();
        Dims d = new Dims(x, factor);
        INDArray e = epsilon.castTo(dataType);
        long[] expected = {d.n(), d.c(), d.fh(), d.fw()};
        if (!java.util.Arrays.equals(e.shape(), expected)) {
            throw new IllegalStateException(vertexName + ": the output gradient has shape "
                    + java.util.Arrays.toString(e.shape()) + ", expected " + java.util.Arrays.toString(expected));
        }
        INDArray v = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, d.b() * d.fh(), d.w());
        Nd4j.gemm(e.reshape('c', d.b() * d.fh(), d.fw()), colsFor(d.w()).forward(), v, false, false, 1.0, 0.0);
        INDArray vt = transposed(v.reshape(d.b(), d.fh(), d.w()), ArrayType.BP_WORKING_MEM, workspaceMgr);
        INDArray g = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, d.b() * d.w(), d.h());
        Nd4j.gemm(vt.reshape(d.b() * d.w(), d.fh()), rowsFor(d.h()).forward(), g, false, false, 1.0, 0.0);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {d.n(), d.c(), d.h(), d.w()}, 'c');
        dx.reshape(d.b(), d.h(), d.w()).assign(g.reshape(d.b(), d.w(), d.h()).permute(0, 2, 1));
        return new Pair<>(null, new INDArray[] {dx});
    }

    /** A contiguous {@code [B, C, R]} copy of the {@code [B, R, C]} array {@code x}, in workspace {@code type}. */
    private INDArray transposed(INDArray x, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        INDArray t = workspaceMgr.createUninitialized(type, dataType, new long[] {x.size(0), x.size(2), x.size(1)},
                'c');
        return t.assign(x.permute(0, 2, 1));
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
