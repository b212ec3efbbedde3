package org.hirmtl.plugins.sefusion;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link ChannelGateVertex}: forward {@code y = x ⊙ g}; backward {@code dx = ε ⊙ g},
 * {@code dg = Σ_{h,w} ε ⊙ x}.
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public final class ChannelGateVertexImpl extends ParameterFreeVertexImpl {
    private static final long serialVersionUID = 1L;

    /** @param graph the graph @param name the vertex name @param index its index @param dataType the network type */
    public ChannelGateVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0].castTo(dataType);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        gate(x, inputs[1], out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0].castTo(dataType);
        INDArray g = inputs[1].castTo(dataType);
        INDArray eps = epsilon.castTo(dataType);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        gate(eps, g, dx);
        INDArray dg = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, g.shape(), 'c');
        dg.assign(eps.mul(x).sum(true, 2, 3));
        return new Pair<>(null, new INDArray[] {dx, dg});
    }

    private void gate(INDArray x, INDArray g, INDArray out) {
        long n = x.size(0);
        long c = x.size(1);
        if (g.rank() != 4 || g.size(0) != n || g.size(1) != c || g.size(2) != 1 || g.size(3) != 1) {
            throw new IllegalArgumentException(this + ": gate must be [" + n + "," + c + ",1,1], got "
                    + java.util.Arrays.toString(g.shape()));
        }
        INDArray g2 = g.castTo(dataType).reshape('c', n, c).dup('c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x.dup('c'), g2, out, 0, 1));
    }
}
