package org.hirmtl.model.vertices;

import java.util.ArrayList;
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
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * TAF's fusion across scales: per-pixel softmax over the scale logits, then the weighted sum of the scale features.
 *
 * <p>Inputs, in this order: the logits {@code A} of shape {@code [N, S, H, W]} and the features {@code F_1 .. F_S},
 * each {@code [N, C, H, W]}. Output {@code [N, C, H, W]}:
 * <pre>
 *   w = softmax over dimension 1 of A          (per pixel, over the S scales)
 *   out = sum_s w[:, s] * F_s                  (each weight map broadcast over the C channels)
 * </pre>
 * No parameters. The runtime is {@link ScaleSoftmaxFusionVertexImpl}.
 *
 * <p>Saved in model JSON as {@code {"@class": "org.hirmtl.model.vertices.ScaleSoftmaxFusionVertex", "numScales": S}}:
 * the class name and the field name are a file format.
 */
public final class ScaleSoftmaxFusionVertex extends ParameterFreeVertex implements OnnxExportable {
    private static final long serialVersionUID = 1L;

    private final int numScales;

    /**
     * @param numScales {@code S}, the number of scale features fused (at least 1); the logits input must have exactly
     *                  this many channels, and the vertex exactly {@code S + 1} inputs
     */
    public ScaleSoftmaxFusionVertex(@JsonProperty("numScales") int numScales) {
        if (numScales < 1) {
            throw new IllegalArgumentException("numScales must be at least 1, got " + numScales);
        }
        this.numScales = numScales;
    }

    /** {@code S}, the number of scale features (and of logit channels). */
    public int getNumScales() {
        return numScales;
    }

    @Override
    public String toString() {
        return "ScaleSoftmaxFusionVertex(numScales=" + numScales + ")";
    }

    @Override
    public int minVertexInputs() {
        return numScales + 1;
    }

    @Override
    public int maxVertexInputs() {
        return numScales + 1;
    }

    @Override
    protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int idx, DataType networkDatatype) {
        return new ScaleSoftmaxFusionVertexImpl(graph, name, idx, numScales, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        String me = toString();
        if (vertexInputs.length != numScales + 1) {
            throw new InvalidInputTypeException(me + ": expected " + (numScales + 1)
                    + " inputs (the scale logits, then " + numScales + " scale features), got " + vertexInputs.length);
        }
        InputType.InputTypeConvolutional logits = CnnShapes.nchw(vertexInputs[0], me, "input 0 (scale logits)");
        if (logits.getChannels() != numScales) {
            throw new InvalidInputTypeException(me + ": the scale logits (input 0) must have " + numScales
                    + " channels, one per scale feature, got " + logits.getChannels());
        }
        InputType.InputTypeConvolutional first = CnnShapes.nchw(vertexInputs[1], me, "input 1 (scale feature 1)");
        CnnShapes.sameSpatial(logits, first, me, "input 1 (scale feature 1)");
        for (int i = 2; i < vertexInputs.length; i++) {
            String what = "input " + i + " (scale feature " + i + ")";
            InputType.InputTypeConvolutional f = CnnShapes.nchw(vertexInputs[i], me, what);
            CnnShapes.sameSpatial(logits, f, me, what);
            if (f.getChannels() != first.getChannels()) {
                throw new InvalidInputTypeException(me + ": " + what + " has " + f.getChannels()
                        + " channels, but scale feature 1 has " + first.getChannels()
                        + " (all scale features must have the same shape)");
            }
        }
        return InputType.convolutional(first.getHeight(), first.getWidth(), first.getChannels(), CNN2DFormat.NCHW);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long logits = inputTypes[0].arrayElementsPerExample();
        long features = out.arrayElementsPerExample();
        // Forward: softmax weights + one product buffer. Backward: weights, one product buffer, the g maps.
        return new LayerMemoryReport.Builder(null, ScaleSoftmaxFusionVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, logits + features, 0, 2 * logits + features)
                .cacheMemory(0, 0)
                .build();
    }

    /**
     * ONNX: {@code Softmax(A, axis=1)}, split into the S weight maps, each multiplied with its feature map
     * (broadcast over channels), then summed.
     */
    @Override
    public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
        String weights = graph.channelSoftmax(inputs.get(0), null);
        if (numScales == 1) {
            graph.node("Mul", List.of(weights, inputs.get(1)), List.of(output), Map.of());
            return;
        }
        List<String> perScale = new ArrayList<>();
        for (int s = 0; s < numScales; s++) {
            perScale.add(graph.fresh("weight" + s));
        }
        graph.node("Split", List.of(weights), perScale, Map.of("axis", 1));
        List<String> terms = new ArrayList<>();
        for (int s = 0; s < numScales; s++) {
            terms.add(graph.node("Mul", perScale.get(s), inputs.get(s + 1)));
        }
        graph.node(numScales == 2 ? "Add" : "Sum", terms, List.of(output), Map.of());
    }
}
