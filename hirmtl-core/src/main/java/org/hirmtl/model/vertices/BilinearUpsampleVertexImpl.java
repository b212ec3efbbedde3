package org.hirmtl.model.vertices;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime of {@link BilinearUpsampleVertex}: {@link BilinearUpsampling}'s two GEMMs, the temporaries in the layer's
 * working-memory workspace.
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public final class BilinearUpsampleVertexImpl extends ParameterFreeVertexImpl {
    private static final long serialVersionUID = 1L;

    private final int factor;
    private transient BilinearUpsampling upsampling;

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

    private BilinearUpsampling upsampling() {
        if (upsampling == null) {
            upsampling = new BilinearUpsampling(factor, dataType);
        }
        return upsampling;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(this + ": cannot do forward pass, inputs not set");
        }
        INDArray x = input();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                upsampling().outputShape(x.shape()), 'c');
        upsampling().forward(x, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(this + ": cannot do backward pass, inputs or epsilon not set");
        }
        INDArray x = input();
        INDArray e = epsilon.castTo(dataType);
        long[] expected = upsampling().outputShape(x.shape());
        if (!java.util.Arrays.equals(e.shape(), expected)) {
            throw new IllegalStateException(vertexName + ": the output gradient has shape "
                    + java.util.Arrays.toString(e.shape()) + ", expected " + java.util.Arrays.toString(expected));
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        upsampling().backward(e, dx);
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
