package org.hirmtl.api.vertex;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base class for the runtime of a {@link ParameterFreeVertex}: no layer, no parameters (a gradient view is refused),
 * the first non-null input mask passed through. A subclass implements {@code doForward} and {@code doBackward} — with
 * {@code inputs}, {@code epsilon} and {@code dataType} of DL4J's {@link BaseGraphVertex} — allocating its output in
 * the workspace manager it is given ({@code ArrayType.ACTIVATIONS} forward, {@code ArrayType.ACTIVATION_GRAD}
 * backward) and returning {@code new Pair<>(null, inputGradients)} from the backward pass.
 */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
public abstract class ParameterFreeVertexImpl extends BaseGraphVertex {
    private static final long serialVersionUID = 1L;

    /**
     * The runtime of vertex {@code name} in {@code graph}, without parameters.
     *
     * @param graph    the network
     * @param name     the vertex name
     * @param index    its index
     * @param dataType the network's data type
     */
    protected ParameterFreeVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, null, null, dataType);
    }

    @Override
    public final boolean hasLayer() {
        return false;
    }

    @Override
    public final Layer getLayer() {
        return null;
    }

    @Override
    public final void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalStateException(this + " has no parameters");
        }
    }

    /** Passes on the first non-null mask: inputs are combined pixel by pixel, so their masks should agree. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState state, int minibatch) {
        if (maskArrays != null) {
            for (INDArray mask : maskArrays) {
                if (mask != null) {
                    return new Pair<>(mask, state);
                }
            }
        }
        return new Pair<>(null, state);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=\"" + vertexName + "\")";
    }
}
