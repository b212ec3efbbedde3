package org.hirmtl.export.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.hirmtl.api.onnx.OnnxGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/** The ONNX graph the exporter writes: {@link OnnxGraph} for hooks, plus the exporter's own bookkeeping. */
public final class OnnxGraphWriter implements OnnxGraph {
    private final GraphProto.Builder proto = GraphProto.newBuilder();
    private final Set<String> claimed = new HashSet<>();
    private final Set<String> available = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private String scope = "";
    private Map<String, INDArray> params = Map.of();

    private final int opset;

    OnnxGraphWriter(int opset) {
        this.opset = opset;
    }

    /** The ONNX operator set version of the default domain that nodes may use (13). */
    @Override
    public int opset() {
        return opset;
    }

    /** The name of the DL4J vertex being exported (empty outside a vertex). */
    @Override
    public String scope() {
        return scope;
    }

    /**
     * The parameters of the vertex or layer being exported, by DL4J parameter key (e.g. {@code W}, {@code b}); empty
     * for a parameter-free vertex. Read-only views of the live model: do not modify them.
     */
    public Map<String, INDArray> params() {
        return params;
    }

    /**
     * The shape of a tensor written by a DL4J vertex (or of the normalised graph input), {@code -1} for the batch
     * dimension; empty for tensors created inside hooks.
     */
    @Override
    public Optional<long[]> shape(String tensor) {
        long[] s = shapes.get(tensor);
        return s == null ? Optional.empty() : Optional.of(s.clone());
    }

    /** A tensor name not used yet: {@code scope/hint}, with a numeric suffix if needed. */
    @Override
    public String fresh(String hint) {
        String base = scope.isEmpty() ? hint : scope + "/" + hint;
        String name = base;
        for (int i = 1; claimed.contains(name); i++) {
            name = base + "_" + i;
        }
        claimed.add(name);
        return name;
    }

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
    @Override
    public void node(String opType, List<String> inputs, List<String> outputs, Map<String, ?> attributes) {
        for (String in : inputs) {
            if (!in.isEmpty() && !available.contains(in)) {
                throw new IllegalArgumentException(opType + " node in '" + scope + "': input tensor '" + in
                        + "' does not exist (yet)");
            }
        }
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(nodeName(opType))
                .addAllInput(inputs).addAllOutput(outputs);
        new TreeMap<String, Object>(attributes).forEach((k, v) -> n.addAttribute(Attributes.of(k, v)));
        for (String out : outputs) {
            if (!out.isEmpty()) {
                write(out);
            }
        }
        proto.addNode(n);
    }

    /** Adds a node with one fresh output named after {@code opType}; returns the output's name. */
    @Override
    public String node(String opType, List<String> inputs, Map<String, ?> attributes) {
        String out = fresh(opType);
        node(opType, inputs, List.of(out), attributes);
        return out;
    }

    /** Adds a node without attributes and with one fresh output; returns the output's name. */
    @Override
    public String node(String opType, String... inputs) {
        return node(opType, List.of(inputs), Map.of());
    }

    /** A float32 constant of shape {@code dims} (row-major {@code values}); returns its name. */
    @Override
    public String constant(String hint, float[] values, long... dims) {
        checkLength(hint, values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return initializer(hint, TensorProto.DataType.FLOAT_VALUE, b, dims);
    }

    /** A float32 constant with the values and shape of {@code array} (any data type; converted). */
    @Override
    public String constant(String hint, INDArray array) {
        float[] values = array.castTo(DataType.FLOAT).dup('c').reshape(array.length()).toFloatVector();
        return constant(hint, values, array.shape());
    }

    /** A float32 scalar (rank 0) constant; returns its name. */
    @Override
    public String scalar(String hint, float value) {
        return constant(hint, new float[] {value});
    }

    /** An int64 constant of shape {@code dims} (e.g. axes, shapes, Split sizes); returns its name. */
    @Override
    public String int64Constant(String hint, long[] values, long... dims) {
        checkLength(hint, values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return initializer(hint, TensorProto.DataType.INT64_VALUE, b, dims);
    }

    // ---- used by the exporter ----

    /** Enters a vertex: names are scoped to it and {@link #params()} are its parameters. */
    void enter(String vertex, Map<String, INDArray> vertexParams) {
        scope = vertex;
        params = vertexParams == null ? Map.of() : Map.copyOf(vertexParams);
    }

    /** Leaves the current vertex. */
    void leave() {
        scope = "";
        params = Map.of();
    }

    /** Claims {@code name} exactly; false if it is taken. */
    boolean reserve(String name) {
        return claimed.add(name);
    }

    /** Declares a graph input tensor (it exists from the start). */
    void input(String name) {
        write(name);
    }

    /** Whether a node (or the input, or a constant) has written {@code tensor}. */
    boolean exists(String tensor) {
        return available.contains(tensor);
    }

    void shape(String tensor, long[] shape) {
        shapes.put(tensor, shape.clone());
    }

    /** Records something the user should know about the export (e.g. a setting DL4J ignores). */
    void warn(String message) {
        warnings.add(message);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    GraphProto.Builder proto() {
        return proto;
    }

    private void write(String tensor) {
        if (tensor.isEmpty() || !available.add(tensor)) {
            throw new IllegalArgumentException("'" + scope + "': tensor '" + tensor + "' is written twice (or has "
                    + "no name); use fresh() for intermediate tensors");
        }
        claimed.add(tensor);
    }

    private String nodeName(String opType) {
        String base = scope.isEmpty() ? opType : scope + "/" + opType;
        String name = base;
        for (int i = 1; !nodeNames.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private String initializer(String hint, int dataType, ByteBuffer data, long... dims) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType)
                .setRawData(ByteString.copyFrom(data.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        proto.addInitializer(t);
        write(name);
        return name;
    }

    private static void checkLength(String hint, int length, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("constant '" + hint + "': " + length + " values do not fill shape "
                    + Arrays.toString(dims));
        }
    }
}
