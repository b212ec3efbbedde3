package org.hirmtl.plugins.sefusion;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.OnnxExportable;
import org.hirmtl.api.onnx.OnnxGraph;
import org.hirmtl.api.vertex.ParameterFreeVertex;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Scales each channel of a feature map by a per-example gate: inputs {@code x} ({@code [N,C,H,W]}) and {@code g}
 * ({@code [N,C,1,1]}, e.g. sigmoid outputs of a squeeze-and-excitation branch), output {@code y = x ⊙ g} broadcast
 * over H and W. DL4J's {@code ElementWiseVertex} does not broadcast, hence this vertex. Exports to ONNX as one
 * broadcasting {@code Mul} (the {@link OnnxExportable} hook). Runtime:
 * {@link ChannelGateVertexImpl}. Saved in model JSON under this class name: the name is a file format. The
 * boilerplate of a parameter-free vertex comes from the API's {@link ParameterFreeVertex}.
 */
public final class ChannelGateVertex extends ParameterFreeVertex implements OnnxExportable {
    private static final long serialVersionUID = 1L;

    /** ONNX {@code Mul} broadcasts {@code [N,C,1,1]} over {@code [N,C,H,W]} exactly like the forward pass. */
    @Override
    public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
        graph.node("Mul", List.of(inputs.get(0), inputs.get(1)), List.of(output), Map.of());
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int index, DataType dataType) {
        return new ChannelGateVertexImpl(graph, name, index, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
        if (in.length != 2 || !(in[0] instanceof InputType.InputTypeConvolutional x)
                || !(in[1] instanceof InputType.InputTypeConvolutional g)) {
            throw new InvalidInputTypeException(this + ": expected 2 convolutional inputs (features, gate)");
        }
        if (x.getChannels() != g.getChannels() || g.getHeight() != 1 || g.getWidth() != 1) {
            throw new InvalidInputTypeException(this + ": the gate must be [N," + x.getChannels() + ",1,1], got "
                    + g.getChannels() + " channels of " + g.getHeight() + "x" + g.getWidth());
        }
        return x;
    }
}
