package org.hirmtl.model.vertices;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the runtime vertices of this package share: no layer, no parameters, spatial masks passed through. */
@SuppressWarnings("overrides") // Lombok's BaseGraphVertex.setInputs(INDArray[]) implements a varargs method
abstract class ParameterFreeVertex extends BaseGraphVertex {
    private static final long serialVersionUID = 1L;

    ParameterFreeVertex(ComputationGraph graph, String name, int index, DataType dataType) {
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
    public final void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException(this + " has no parameters; a gradients view array cannot be set");
        }
    }

    /** Passes on the first non-null mask: the inputs are combined pixel by pixel, so their masks should agree. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        if (maskArrays != null) {
            for (INDArray mask : maskArrays) {
                if (mask != null) {
                    return new Pair<>(mask, currentMaskState);
                }
            }
        }
        return new Pair<>(null, currentMaskState);
    }
}
