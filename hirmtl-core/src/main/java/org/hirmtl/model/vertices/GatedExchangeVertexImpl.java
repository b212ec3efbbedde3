package org.hirmtl.model.vertices;

import java.util.Arrays;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of {@link GatedExchangeVertex}: {@code out = [g * G_u ; (1 - g) * (G_u - G_t)]} along channels.
 *
 * <p>Backward, with {@code e1}, {@code e2} the output gradient's shared and unique halves:
 * {@code dg = e1 * G_u - e2 * (G_u - G_t)}; {@code dG_u = e1 * g + e2 * (1 - g)}; {@code dG_t = -e2 * (1 - g)}.
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public final class GatedExchangeVertexImpl extends ParameterFreeVertexImpl {
    private static final long serialVersionUID = 1L;
    private static final String[] INPUT_NAMES = {"input 0 (gate)", "input 1 (target G_t)", "input 2 (source G_u)"};

    /**
     * @param graph    the graph this vertex belongs to
     * @param name     the vertex name
     * @param index    the vertex index in the graph
     * @param dataType the network's data type
     */
    public GatedExchangeVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(this + ": cannot do forward pass, inputs not set");
        }
        INDArray[] in = validatedInputs();
        INDArray gate = in[0];
        INDArray target = in[1];
        INDArray source = in[2];
        long c = gate.size(1);
        long[] shape = gate.shape();
        // Compute both halves contiguously, then copy them in: ND4J's pairwise ops are ~20x slower when they write to
        // (or read from) a channel-range view, while assign() into such a view is fast.
        INDArray unique = source.sub(target);
        unique.subi(gate.mul(unique));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {shape[0], 2 * c, shape[2], shape[3]}, 'c');
        channels(out, 0, c).assign(gate.mul(source));
        channels(out, c, 2 * c).assign(unique);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(this + ": cannot do backward pass, inputs or epsilon not set");
        }
        INDArray[] in = validatedInputs();
        INDArray gate = in[0];
        INDArray target = in[1];
        INDArray source = in[2];
        long c = gate.size(1);
        if (epsilon.rank() != 4 || epsilon.size(1) != 2 * c) {
            throw new IllegalStateException(this + ": the output gradient must be [N, " + 2 * c + ", H, W], got "
                    + Arrays.toString(epsilon.shape()));
        }
        INDArray epsShared = contiguousChannels(epsilon, 0, c);
        INDArray epsUnique = contiguousChannels(epsilon, c, 2 * c);

        INDArray dGate = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, gate.shape(), 'c');
        epsShared.mul(source, dGate);
        dGate.subi(source.sub(target).muli(epsUnique));

        INDArray dTarget = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, gate.shape(), 'c');
        gate.rsub(1.0, dTarget).muli(epsUnique).negi();

        INDArray dSource = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, gate.shape(), 'c');
        epsShared.mul(gate, dSource).subi(dTarget);
        return new Pair<>(null, new INDArray[] {dGate, dTarget, dSource});
    }

    /** The channel range {@code [from, to)} of an NCHW array, as a view. */
    private static INDArray channels(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** The channel range {@code [from, to)} of an NCHW array, copied to a new contiguous array of the network type. */
    private INDArray contiguousChannels(INDArray array, long from, long to) {
        long[] shape = array.shape();
        INDArray copy = Nd4j.createUninitialized(dataType, new long[] {shape[0], to - from, shape[2], shape[3]}, 'c');
        return copy.assign(channels(array, from, to));
    }

    /** The inputs cast to the network type, after checking their number and shapes. */
    private INDArray[] validatedInputs() {
        if (inputs.length != 3) {
            throw new IllegalStateException(this + ": expected 3 inputs (gate, target G_t, source G_u), got "
                    + inputs.length);
        }
        INDArray[] in = new INDArray[3];
        for (int i = 0; i < 3; i++) {
            in[i] = inputs[i].castTo(dataType);
        }
        CnnShapes.requireRank4(in[0], vertexName, INPUT_NAMES[0]);
        for (int i = 1; i < 3; i++) {
            CnnShapes.requireSameShape(in[0], in[i], vertexName, INPUT_NAMES[i]);
        }
        return in;
    }

    @Override
    public String toString() {
        return "GatedExchangeVertex(name=\"" + vertexName + "\")";
    }
}
