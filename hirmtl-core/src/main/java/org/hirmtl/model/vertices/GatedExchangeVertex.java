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
 * AICM's comparison for one (target {@code t}, source {@code u}) pair: splits the source's features into the part the
 * gate lets through and the part that differs from the target.
 *
 * <p>Inputs, in this order: the gate {@code g} (already a sigmoid output), {@code G_t} and {@code G_u}, all
 * {@code [N, C, H, W]}. Output {@code [N, 2C, H, W]}, the channel concatenation of
 * <pre>
 *   sh = g * G_u                    (shared part, channels 0 .. C-1)
 *   un = (1 - g) * (G_u - G_t)      (unique part, channels C .. 2C-1)
 * </pre>
 * No parameters. The runtime is {@link GatedExchangeVertexImpl}.
 *
 * <p>Saved in model JSON as {@code {"@class": "org.hirmtl.model.vertices.GatedExchangeVertex"}}: the class name is a
 * file format.
 */
public final class GatedExchangeVertex extends ParameterFreeVertex implements OnnxExportable {
    private static final long serialVersionUID = 1L;

    /** Creates the vertex; it has no settings. */
    public GatedExchangeVertex() {
    }

    @Override
    public String toString() {
        return "GatedExchangeVertex()";
    }

    @Override
    public int minVertexInputs() {
        return 3;
    }

    @Override
    public int maxVertexInputs() {
        return 3;
    }

    @Override
    protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int idx, DataType networkDatatype) {
        return new GatedExchangeVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        String me = toString();
        if (vertexInputs.length != 3) {
            throw new InvalidInputTypeException(me + ": expected 3 inputs (gate, target G_t, source G_u), got "
                    + vertexInputs.length);
        }
        InputType.InputTypeConvolutional gate = CnnShapes.nchw(vertexInputs[0], me, "input 0 (gate)");
        String[] names = {"input 0 (gate)", "input 1 (target G_t)", "input 2 (source G_u)"};
        for (int i = 1; i < 3; i++) {
            InputType.InputTypeConvolutional other = CnnShapes.nchw(vertexInputs[i], me, names[i]);
            CnnShapes.sameSpatial(gate, other, me, names[i]);
            if (other.getChannels() != gate.getChannels()) {
                throw new InvalidInputTypeException(me + ": " + names[i] + " has " + other.getChannels()
                        + " channels, but the gate has " + gate.getChannels()
                        + " (all inputs must have the same shape)");
            }
        }
        return InputType.convolutional(gate.getHeight(), gate.getWidth(), 2 * gate.getChannels(), CNN2DFormat.NCHW);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long perInput = inputTypes[0].arrayElementsPerExample();
        // Forward: one product buffer. Backward: G_u - G_t and one product buffer.
        return new LayerMemoryReport.Builder(null, GatedExchangeVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, perInput, 0, 2 * perInput)
                .cacheMemory(0, 0)
                .build();
    }

    /**
     * ONNX, with the runtime's order of operations: {@code d = G_u − G_t}; {@code [g·G_u ; d − g·d]} concatenated
     * along channels.
     */
    @Override
    public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
        String gate = inputs.get(0);
        String target = inputs.get(1);
        String source = inputs.get(2);
        String difference = graph.node("Sub", source, target);
        String shared = graph.node("Mul", gate, source);
        String unique = graph.node("Sub", difference, graph.node("Mul", gate, difference));
        graph.node("Concat", List.of(shared, unique), List.of(output), Map.of("axis", 1));
    }
}
