package org.hirmtl.model.vertices;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.OnnxExportable;
import org.hirmtl.api.onnx.OnnxGraph;
import org.hirmtl.api.vertex.ParameterFreeVertex;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-pixel L2 normalisation over the channels of an NCHW array: {@code y = x / sqrt(Σ_c x_c² + ε)}, ε = 1e-12
 * (surface normals). DL4J's own {@code L2NormalizeVertex} fails in backward on rank-4 input with dimension 1 in
 * M2.1 (an invalid broadcast), hence this vertex. Runtime: {@link ChannelL2NormalizeVertexImpl}.
 *
 * <p>Saved in model JSON as {@code {"@class": "org.hirmtl.model.vertices.ChannelL2NormalizeVertex"}}: the class name
 * is a file format.
 */
public final class ChannelL2NormalizeVertex extends ParameterFreeVertex implements OnnxExportable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "ChannelL2NormalizeVertex()";
    }

    @Override
    protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int idx, DataType networkDatatype) {
        return new ChannelL2NormalizeVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1) {
            throw new InvalidInputTypeException(this + ": expected 1 input, got " + vertexInputs.length);
        }
        InputType.InputTypeConvolutional in = CnnShapes.nchw(vertexInputs[0], toString(), "input 0");
        return InputType.convolutional(in.getHeight(), in.getWidth(), in.getChannels(), CNN2DFormat.NCHW);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long n = out.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(null, ChannelL2NormalizeVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, n, 0, 2 * n).cacheMemory(0, 0).build();
    }

    /** ONNX: {@code x / Sqrt(ReduceSum(x·x, axes=[1], keepdims=1) + ε)}. */
    @Override
    public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
        String x = inputs.get(0);
        String squares = graph.node("Mul", x, x);
        String sumOfSquares = graph.opset() >= 13
                ? graph.node("ReduceSum", List.of(squares, graph.int64Constant("axes", new long[] {1}, 1)),
                        Map.of("keepdims", 1))
                : graph.node("ReduceSum", List.of(squares), Map.of("axes", new long[] {1}, "keepdims", 1));
        String norm = graph.node("Sqrt", graph.node("Add", sumOfSquares,
                graph.scalar("epsilon", (float) ChannelL2NormalizeVertexImpl.EPS)));
        graph.node("Div", List.of(x, norm), List.of(output), Map.of());
    }
}
