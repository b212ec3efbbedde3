package org.hirmtl.api.vertex;

import org.apache.commons.lang3.SerializationUtils;
import org.apache.commons.lang3.builder.EqualsBuilder;
import org.apache.commons.lang3.builder.HashCodeBuilder;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base class for the configuration of a custom DL4J vertex without parameters (gates, resampling, normalisation,
 * attention over inputs): it supplies what every such vertex otherwise copies — {@code clone}, {@code equals} and
 * {@code hashCode} over the subclass's fields, zero parameters, a zero memory report, one input by default, and an
 * output type equal to the first input's. A subclass keeps a public no-argument constructor (DL4J's JSON needs it),
 * stores its settings in fields annotated with {@code org.nd4j.shade.jackson.annotation.JsonProperty} (DL4J's JSON
 * saves them, under the class name: never rename the class or a property), overrides
 * {@link #minVertexInputs()}/{@link #maxVertexInputs()} and {@link #getOutputType} when they differ, and creates its
 * runtime in {@link #create}:
 *
 * <pre>{@code
 * public final class ScaleVertex extends ParameterFreeVertex {
 *     @JsonProperty("factor")
 *     private double factor;                         // a setting: saved in the model's JSON
 *     public ScaleVertex() { }                       // for DL4J's JSON
 *     public ScaleVertex(double factor) { this.factor = factor; }
 *     protected ParameterFreeVertexImpl create(ComputationGraph g, String name, int index, DataType type) {
 *         return new ParameterFreeVertexImpl(g, name, index, type) {
 *             public INDArray doForward(boolean training, LayerWorkspaceMgr ws) {
 *                 return ws.dup(ArrayType.ACTIVATIONS, inputs[0]).muli(factor);
 *             }
 *             public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr ws) {
 *                 return new Pair<>(null, new INDArray[] {ws.dup(ArrayType.ACTIVATION_GRAD, epsilon).muli(factor)});
 *             }
 *         };
 *     }
 * }
 * }</pre>
 *
 * Check it with {@code ComponentContract.assertVertexGradients} (module {@code hirmtl-testkit}); to export models
 * containing it to ONNX, implement {@link org.hirmtl.api.OnnxExportable} as well.
 */
public abstract class ParameterFreeVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the runtime of this vertex in {@code graph}.
     *
     * @param graph    the network
     * @param name     the vertex name
     * @param index    its index in the graph
     * @param dataType the network's data type
     * @return a new runtime of this vertex
     */
    protected abstract ParameterFreeVertexImpl create(ComputationGraph graph, String name, int index,
                                                      DataType dataType);

    @Override
    public final org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
            int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return create(graph, name, idx, networkDatatype);
    }

    /** A deep copy (through Java serialisation of the subclass's fields). */
    @Override
    public GraphVertex clone() {
        return SerializationUtils.clone(this);
    }

    /** Equal when of the same class with equal fields. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && EqualsBuilder.reflectionEquals(this, o, false);
    }

    @Override
    public int hashCode() {
        return HashCodeBuilder.reflectionHashCode(this, false);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }

    /** No parameters. */
    @Override
    public final long numParams(boolean backprop) {
        return 0;
    }

    /** One input; override for more. */
    @Override
    public int minVertexInputs() {
        return 1;
    }

    /** One input; override for more. */
    @Override
    public int maxVertexInputs() {
        return 1;
    }

    /** The first input's type; override when the output's shape differs. */
    @Override
    public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
        if (in.length < minVertexInputs() || in.length > maxVertexInputs()) {
            throw new InvalidInputTypeException(this + ": expected " + minVertexInputs()
                    + (maxVertexInputs() == minVertexInputs() ? "" : " to " + maxVertexInputs()) + " inputs, got "
                    + in.length);
        }
        return in[0];
    }

    /** No parameters, no working or cache memory beyond the output. */
    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, getClass(), inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
