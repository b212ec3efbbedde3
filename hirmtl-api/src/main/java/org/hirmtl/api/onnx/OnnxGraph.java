package org.hirmtl.api.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ONNX graph under construction, as seen by {@linkplain org.hirmtl.api.OnnxExportable export hooks}: add nodes,
 * float32 and int64 constants, and get fresh tensor names.
 *
 * <p>The graph is in static single assignment form: every tensor is written by exactly one node (or is the graph
 * input or a constant), and a node may only read tensors that already exist — violations are an
 * {@link IllegalArgumentException} naming the tensor. While a vertex is exported the graph is <em>scoped</em> to
 * it: {@link #fresh} and node names start with the vertex name (e.g. {@code semseg/fusion/softmax/Softmax}),
 * {@link #params()} holds its parameters and {@link #shape} knows the shapes of its inputs. All tensors are NCHW;
 * the batch dimension is dynamic. The operator set is the default ONNX domain at {@link #opset()}.
 */
public interface OnnxGraph {
    /**
     * The ONNX operator set version of the default domain that nodes must be written for: 13 (the default) or 11
     * ({@code hirmtl export --opset 11}). Hooks whose operators changed between them (ReduceSum's axes, Softmax's
     * axis, Split's sizes, Squeeze/Unsqueeze axes, Resize's roi) write the form of this version.
     *
     * @return the opset version, 13 or 11
     */
    int opset();

    /**
     * A softmax over the channels (axis 1) of an NCHW tensor, in the form {@link #opset()} defines: from opset 13
     * {@code exp(x − max_c x) / Σ_c exp(x − max_c x)} as ReduceMax, Sub, Exp, ReduceSum and Div over axis 1 (ONNX
     * Runtime's {@code Softmax(axis=1)} transposes a 4-D tensor to the last axis and back: measured 13 ms of a 74 ms
     * quick-start inference pass for the 8-class output); before opset 13 ({@code Softmax} flattens to 2-D at its
     * axis), transpose to NHWC, softmax over the last axis, transpose back (what OpenCV's DNN module reads).
     *
     * @param in the name of the NCHW input tensor
     * @param out the output tensor's name, or {@code null} for a fresh one
     * @return the output tensor's name
     */
    default String channelSoftmax(String in, String out) {
        String target = out == null ? fresh("Softmax") : out;
        if (opset() >= 13) {
            String max = node("ReduceMax", List.of(in), Map.of("axes", new long[] {1}, "keepdims", 1));
            String exp = node("Exp", List.of(node("Sub", List.of(in, max), Map.of())), Map.of());
            String sum = node("ReduceSum", List.of(exp, int64Constant("softmax_axis", new long[] {1}, 1)),
                    Map.of("keepdims", 1));
            node("Div", List.of(exp, sum), List.of(target), Map.of());
            return target;
        }
        String nhwc = node("Transpose", List.of(in), Map.of("perm", new long[] {0, 2, 3, 1}));
        String soft = node("Softmax", List.of(nhwc), Map.of("axis", 3));
        node("Transpose", List.of(soft), List.of(target), Map.of("perm", new long[] {0, 3, 1, 2}));
        return target;
    }

    /**
     * The {@code roi} input of a {@code Resize} node: omitted ({@code ""}) from opset 13, an empty float tensor in
     * opset 11, where the input is required.
     *
     * @return the tensor name to pass as the {@code roi} input: {@code ""}, or the name of the empty constant
     */
    default String resizeRoi() {
        return opset() >= 13 ? "" : constant("roi", new float[0], 0);
    }

    /**
     * The name of the DL4J vertex being exported (empty outside a vertex).
     *
     * @return the vertex name, the prefix of {@link #fresh} names; {@code ""} outside a vertex
     */
    String scope();

    /**
     * The parameters of the vertex or layer being exported, by DL4J parameter key (e.g. {@code W}, {@code b}); empty
     * for a parameter-free vertex. Read-only views of the live model: do not modify them.
     *
     * @return parameter key → array
     */
    Map<String, INDArray> params();

    /**
     * The shape of a tensor written by a DL4J vertex (or of the normalised graph input), {@code -1} for the batch
     * dimension; empty for tensors created inside hooks.
     *
     * @param tensor a tensor name
     * @return the tensor's NCHW shape, or empty if it is not known
     */
    Optional<long[]> shape(String tensor);

    /**
     * A tensor name not used yet: {@code scope/hint}, with a numeric suffix if needed.
     *
     * @param hint the last part of the name, e.g. {@code Softmax}
     * @return the new name, reserved so no later call returns it again
     */
    String fresh(String hint);

    /**
     * Adds a node of the default domain.
     *
     * @param opType the operator, e.g. {@code Conv}
     * @param inputs input tensor names; an empty string is an omitted optional input
     * @param outputs output tensor names: fresh names, or the {@code output} a hook was given; an empty string is an
     *                omitted optional output
     * @param attributes by name; values as documented for ONNX attribute types: {@code Integer}/{@code Long},
     *                   {@code Float}/{@code Double}, {@code String}, {@code int[]}/{@code long[]},
     *                   {@code float[]}/{@code double[]}, {@code String[]} or a {@code List} of one scalar kind
     * @throws IllegalArgumentException if an input does not exist yet or an output was already written
     */
    void node(String opType, List<String> inputs, List<String> outputs, Map<String, ?> attributes);

    /**
     * Adds a node with one fresh output named after {@code opType}; returns the output's name.
     *
     * @param opType the operator, e.g. {@code Conv}; also the hint for the output's name
     * @param inputs input tensor names; an empty string is an omitted optional input
     * @param attributes by name, with values as for {@link #node(String, List, List, Map)}
     * @return the name of the node's output tensor
     * @throws IllegalArgumentException if an input does not exist yet
     */
    String node(String opType, List<String> inputs, Map<String, ?> attributes);

    /**
     * Adds a node without attributes and with one fresh output; returns the output's name.
     *
     * @param opType the operator, e.g. {@code Sigmoid}; also the hint for the output's name
     * @param inputs input tensor names, in the operator's input order
     * @return the name of the node's output tensor
     * @throws IllegalArgumentException if an input does not exist yet
     */
    String node(String opType, String... inputs);

    /**
     * A float32 constant of shape {@code dims} (row-major {@code values}); returns its name.
     *
     * @param hint the last part of the constant's name, as for {@link #fresh}
     * @param values the values, row-major
     * @param dims the shape; its product must equal the number of values (none for a scalar)
     * @return the constant's tensor name
     * @throws IllegalArgumentException if the values do not fill the shape
     */
    String constant(String hint, float[] values, long... dims);

    /**
     * A float32 constant with the values and shape of {@code array} (any data type; converted).
     *
     * @param hint the last part of the constant's name, as for {@link #fresh}
     * @param array the values and shape, e.g. one of {@link #params()}
     * @return the constant's tensor name
     */
    String constant(String hint, INDArray array);

    /**
     * A float32 scalar (rank 0) constant; returns its name.
     *
     * @param hint the last part of the constant's name, as for {@link #fresh}
     * @param value the constant's value
     * @return the constant's tensor name
     */
    String scalar(String hint, float value);

    /**
     * An int64 constant of shape {@code dims} (e.g. axes, shapes, Split sizes); returns its name.
     *
     * @param hint the last part of the constant's name, as for {@link #fresh}
     * @param values the values, row-major
     * @param dims the shape; its product must equal the number of values (e.g. {@code 1} for one axis)
     * @return the constant's tensor name
     * @throws IllegalArgumentException if the values do not fill the shape
     */
    String int64Constant(String hint, long[] values, long... dims);
}
