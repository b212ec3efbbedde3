package org.hirmtl.api.graph;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * The model graph under construction, as components see it: fragment helpers so no component copies DL4J builder
 * chains (convolution + batch norm + activation, residual sums, concatenation, bilinear resampling), and
 * {@link #layer}/{@link #vertex} for anything else. Every helper returns a {@link Handle} (vertex name, channels,
 * stride). Vertex names follow one scheme, {@code {scope}/{name}} (e.g. {@code semseg/s8/stf/conv1}); a name used
 * twice is an error. The toolkit implements this interface; components never construct one.
 *
 * <pre>{@code
 * Handle x = graph.convBnRelu(scope + "/conv1", in, 64, 3);
 * Handle y = graph.convBn(scope + "/conv2", x, 64, 3, 1, Activation.IDENTITY);
 * return graph.activation(scope + "/out", graph.add(scope + "/sum", y, in), Activation.RELU);
 * }</pre>
 */
public interface ModelGraph {

    /**
     * The underlying DL4J builder, for components that need something the helpers do not cover.
     *
     * @return the builder the graph's vertices are added to
     */
    GraphBuilder builder();

    /**
     * Declares a graph input named {@code name} with {@code channels} channels at stride 1.
     *
     * @param name the input's name
     * @param channels the input's channels
     * @return the input, at stride 1
     */
    Handle input(String name, int channels);

    /**
     * Adds a layer; the output keeps {@code in[0]}'s stride times {@code strideFactor}.
     *
     * @param name the vertex name
     * @param layer the DL4J layer configuration
     * @param channels the layer's output channels
     * @param strideFactor by how much the layer multiplies the stride (1: unchanged, 2: a stride-2 layer)
     * @param in the layer's inputs
     * @return the layer's output
     */
    Handle layer(String name, Layer layer, int channels, int strideFactor, Handle... in);

    /**
     * Adds a vertex (e.g. a custom {@code GraphVertex}) with the given output channels and stride.
     *
     * @param name the vertex name
     * @param vertex the DL4J vertex configuration
     * @param channels the vertex's output channels
     * @param stride the vertex's output stride relative to the input (not a factor)
     * @param in the vertex's inputs
     * @return the vertex's output
     */
    Handle vertex(String name, GraphVertex vertex, int channels, int stride, Handle... in);

    /**
     * {@code k×k} convolution (same padding, no bias) → batch norm → activation, as {@code name/conv},
     * {@code name/bn} and {@code name/act} (no activation layer for identity).
     *
     * @param name the prefix of the three vertex names
     * @param in the input
     * @param out the output channels
     * @param k the kernel size
     * @param stride the convolution's stride (the output's stride is {@code in}'s times this)
     * @param act the activation after the batch norm
     * @return the output: {@code out} channels at {@code in}'s stride times {@code stride}
     */
    Handle convBn(String name, Handle in, int out, int k, int stride, Activation act);

    /**
     * Batch norm ({@code name/bn}) followed by {@code act} as its own activation layer ({@code name/act}; none for
     * identity). DL4J 1.0.0-M2.1 ignores an activation configured on a batch-norm layer itself.
     *
     * @param name the prefix of the two vertex names
     * @param in the input
     * @param act the activation after the batch norm
     * @return the output, with {@code in}'s channels and stride
     */
    Handle batchNorm(String name, Handle in, Activation act);

    /**
     * {@code k×k} convolution → batch norm → ReLU, stride 1.
     *
     * @param name the prefix of the vertex names ({@code name/conv}, {@code name/bn}, {@code name/act})
     * @param in the input
     * @param out the output channels
     * @param k the kernel size
     * @return the output, at {@code in}'s stride
     */
    Handle convBnRelu(String name, Handle in, int out, int k);

    /**
     * A plain {@code k×k} convolution with bias and the given activation (heads, gates, logits).
     *
     * @param name the vertex name
     * @param in the input
     * @param out the output channels
     * @param k the kernel size (same padding, stride 1)
     * @param act the convolution's activation ({@code IDENTITY} for logits)
     * @return the output, at {@code in}'s stride
     */
    Handle conv(String name, Handle in, int out, int k, Activation act);

    /**
     * Max pooling {@code k×k}, stride {@code s}, same padding.
     *
     * @param name the vertex name
     * @param in the input
     * @param k the pooling window size
     * @param s the pooling stride (the output's stride is {@code in}'s times this)
     * @return the output, with {@code in}'s channels
     */
    Handle maxPool(String name, Handle in, int k, int s);

    /**
     * Element-wise sum of same-shaped inputs.
     *
     * @param name the vertex name
     * @param in the inputs, all with the same channels and stride
     * @return the sum, of the inputs' shape
     */
    Handle add(String name, Handle... in);

    /**
     * Element-wise mean of same-shaped inputs (identity for one input).
     *
     * @param name the vertex name
     * @param in the inputs, all with the same channels and stride
     * @return the mean, of the inputs' shape; the input itself if there is only one
     */
    Handle average(String name, Handle... in);

    /**
     * An activation layer (e.g. ReLU after a residual sum).
     *
     * @param name the vertex name
     * @param in the input
     * @param act the activation
     * @return the output, of {@code in}'s shape
     */
    Handle activation(String name, Handle in, Activation act);

    /**
     * Concatenation along channels of inputs with the same stride (identity for one input).
     *
     * @param name the vertex name
     * @param in the inputs, all with the same stride
     * @return the concatenation, with the sum of the inputs' channels; the input itself if there is only one
     */
    Handle concat(String name, Handle... in);

    /**
     * Bilinear upsampling of {@code in} to stride {@code toStride}, equal to PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)} borders included; identity when the strides are
     * equal. The same input upsampled to the same stride twice is computed once (the first handle is reused).
     *
     * @param name the vertex name
     * @param in the input
     * @param toStride the target stride, dividing {@code in}'s stride (1 = input resolution)
     * @return the upsampled features, with {@code in}'s channels at stride {@code toStride}
     */
    Handle upsampleTo(String name, Handle in, int toStride);

    /**
     * Upsamples every handle to {@code toStride}, named {@code {scope}/s{stride}/up{toStride}}.
     *
     * @param scope the prefix of the vertex names
     * @param in the inputs, e.g. one task's features per scale
     * @param toStride the target stride, dividing every input's stride
     * @return the upsampled features, in the order of {@code in}
     */
    List<Handle> upsampleAllTo(String scope, List<Handle> in, int toStride);
}
