package org.hirmtl.api;

import java.util.List;
import org.hirmtl.api.onnx.OnnxGraph;

/**
 * The ONNX export hook: implemented by a custom DL4J graph vertex configuration (a subclass of
 * {@link org.deeplearning4j.nn.conf.graph.GraphVertex}) or a custom layer configuration (a subclass of
 * {@link org.deeplearning4j.nn.conf.layers.Layer}) to describe its inference-time forward pass as ONNX nodes.
 * The toolkit's ONNX exporter ({@code hirmtl export}) calls it once per vertex, in topological order; a vertex or layer
 * of a type the exporter does not know that does not implement this interface makes the export fail with an error
 * naming the vertex.
 *
 * <p>The hook must write exactly the tensor named {@code output}, with the same values as the vertex's DL4J
 * forward pass at inference ({@code training = false}) — for a layer, including its activation. Intermediate tensors
 * get names from {@link OnnxGraph#fresh}, constants from {@link OnnxGraph#constant} and {@link OnnxGraph#scalar};
 * the vertex's parameters are in {@link OnnxGraph#params()}. Only operators of the default ONNX domain at
 * {@link OnnxGraph#opset() opset} 13 may be used. Adding this interface to an existing vertex class adds no
 * serialized field, so saved models stay readable; do not add getters Jackson would serialize (or mark them
 * {@code @JsonIgnore} from {@code org.nd4j.shade.jackson.annotation}).
 *
 * <p>Example, a parameter-free vertex computing {@code y = x · sigmoid(x)}:
 * <pre>{@code
 * public final class SwishVertex extends GraphVertex implements OnnxExportable {
 *     // ... the usual GraphVertex methods ...
 *
 *     @Override
 *     public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
 *         String gate = graph.node("Sigmoid", inputs.get(0));
 *         graph.node("Mul", List.of(inputs.get(0), gate), List.of(output), Map.of());
 *     }
 * }
 * }</pre>
 */
public interface OnnxExportable {
    /**
     * Adds this vertex's forward pass to {@code graph}.
     *
     * @param graph the ONNX graph under construction, scoped to this vertex
     * @param inputs the tensor names of the vertex's inputs, in the order of the DL4J vertex inputs (NCHW float32)
     * @param output the tensor name the hook must produce
     */
    void toOnnx(OnnxGraph graph, List<String> inputs, String output);
}
