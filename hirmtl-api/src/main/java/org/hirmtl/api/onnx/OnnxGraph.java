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
    /** The ONNX operator set version of the default domain that nodes may use (13). */
    int opset();

    /** The name of the DL4J vertex being exported (empty outside a vertex). */
    String scope();

    /**
     * The parameters of the vertex or layer being exported, by DL4J parameter key (e.g. {@code W}, {@code b}); empty
     * for a parameter-free vertex. Read-only views of the live model: do not modify them.
     */
    Map<String, INDArray> params();

    /**
     * The shape of a tensor written by a DL4J vertex (or of the normalised graph input), {@code -1} for the batch
     * dimension; empty for tensors created inside hooks.
     */
    Optional<long[]> shape(String tensor);

    /** A tensor name not used yet: {@code scope/hint}, with a numeric suffix if needed. */
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

    /** Adds a node with one fresh output named after {@code opType}; returns the output's name. */
    String node(String opType, List<String> inputs, Map<String, ?> attributes);

    /** Adds a node without attributes and with one fresh output; returns the output's name. */
    String node(String opType, String... inputs);

    /** A float32 constant of shape {@code dims} (row-major {@code values}); returns its name. */
    String constant(String hint, float[] values, long... dims);

    /** A float32 constant with the values and shape of {@code array} (any data type; converted). */
    String constant(String hint, INDArray array);

    /** A float32 scalar (rank 0) constant; returns its name. */
    String scalar(String hint, float value);

    /** An int64 constant of shape {@code dims} (e.g. axes, shapes, Split sizes); returns its name. */
    String int64Constant(String hint, long[] values, long... dims);
}
