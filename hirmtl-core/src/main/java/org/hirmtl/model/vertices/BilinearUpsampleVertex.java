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
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Bilinear upsampling of an NCHW array by an integer factor, equal to PyTorch's
 * {@code F.interpolate(x, scale_factor=f, mode="bilinear", align_corners=False)} everywhere, borders included
 * (sample positions clamped to the image, see {@link InterpolationMatrix}). No parameters.
 *
 * <p>Computed as two matrix products with cached interpolation matrices, {@code out = A_h · x · A_wᵀ} per channel
 * map; backward is the adjoint, {@code dx = A_hᵀ · e · A_w}. Runtime: {@link BilinearUpsampleVertexImpl}. Exported
 * to ONNX as {@code Resize} (linear, half-pixel).
 *
 * <p>Saved in model JSON as {@code {"@class": "org.hirmtl.model.vertices.BilinearUpsampleVertex", "factor": f}}: the
 * class name and the field name are a file format.
 */
public final class BilinearUpsampleVertex extends ParameterFreeVertex implements OnnxExportable {
    private static final long serialVersionUID = 1L;

    private final int factor;

    /** @param factor the upsampling factor, at least 2 */
    public BilinearUpsampleVertex(@JsonProperty("factor") int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("bilinear upsampling factor must be at least 2, got " + factor);
        }
        this.factor = factor;
    }

    /** The upsampling factor. */
    public int getFactor() {
        return factor;
    }

    @Override
    public String toString() {
        return "BilinearUpsampleVertex(factor=" + factor + ")";
    }

    @Override
    protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int idx, DataType networkDatatype) {
        return new BilinearUpsampleVertexImpl(graph, name, idx, factor, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1) {
            throw new InvalidInputTypeException(this + ": expected 1 input, got " + vertexInputs.length);
        }
        InputType.InputTypeConvolutional in = CnnShapes.nchw(vertexInputs[0], toString(), "input 0");
        return InputType.convolutional(in.getHeight() * factor, in.getWidth() * factor, in.getChannels(),
                CNN2DFormat.NCHW);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long input = inputTypes[0].arrayElementsPerExample();
        long output = out.arrayElementsPerExample();
        // Forward and backward: a transposed copy of the input-sized array and one of the output / factor.
        return new LayerMemoryReport.Builder(null, BilinearUpsampleVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, input + output / factor, 0, input + 2 * output / factor)
                .cacheMemory(0, 0)
                .build();
    }

    /** ONNX: {@code Resize(x, roi = none, scales = [1, 1, f, f])}, mode linear, half-pixel coordinates. */
    @Override
    public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
        String scales = graph.constant("scales", new float[] {1f, 1f, factor, factor}, 4);
        graph.node("Resize", List.of(inputs.get(0), graph.resizeRoi(), scales), List.of(output),
                Map.of("mode", "linear", "coordinate_transformation_mode", "half_pixel"));
    }
}
