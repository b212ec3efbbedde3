package org.hirmtl.model.vertices;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link ChannelL2NormalizeVertex}. With {@code r = sqrt(Σ_c x_c² + ε)} ({@code [N,1,H,W]}) and
 * {@code y = x / r}: backward {@code dx = (ε_y − y · Σ_c(ε_y ⊙ y)) / r}.
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public final class ChannelL2NormalizeVertexImpl extends ParameterFreeVertexImpl {
    private static final long serialVersionUID = 1L;
    static final double EPS = 1e-12;

    /**
     * @param graph the graph @param name the vertex name @param index its index @param dataType the network type
     */
    public ChannelL2NormalizeVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(this + ": cannot do forward pass, inputs not set");
        }
        INDArray x = input();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        x.div(norm(x), out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(this + ": cannot do backward pass, inputs or epsilon not set");
        }
        INDArray x = input();
        INDArray r = norm(x);
        INDArray y = x.div(r);
        INDArray eps = epsilon.castTo(dataType);
        INDArray dot = eps.mul(y).sum(true, 1);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        eps.sub(y.muli(dot), dx);
        dx.divi(r);
        return new Pair<>(null, new INDArray[] {dx});
    }

    private INDArray input() {
        if (inputs.length != 1) {
            throw new IllegalStateException(this + ": expected 1 input, got " + inputs.length);
        }
        INDArray x = inputs[0].castTo(dataType);
        CnnShapes.requireRank4(x, vertexName, "input 0");
        return x;
    }

    private static INDArray norm(INDArray x) {
        return Transforms.sqrt(x.mul(x).sum(true, 1).addi(EPS), false);
    }

    @Override
    public String toString() {
        return "ChannelL2NormalizeVertex(name=\"" + vertexName + "\")";
    }
}
