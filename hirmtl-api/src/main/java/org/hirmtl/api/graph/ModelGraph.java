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

    /** The underlying DL4J builder, for components that need something the helpers do not cover. */
    GraphBuilder builder();

    /** Declares a graph input named {@code name} with {@code channels} channels at stride 1. */
    Handle input(String name, int channels);

    /** Adds a layer; the output keeps {@code in[0]}'s stride times {@code strideFactor}. */
    Handle layer(String name, Layer layer, int channels, int strideFactor, Handle... in);

    /** Adds a vertex (e.g. a custom {@code GraphVertex}) with the given output channels and stride. */
    Handle vertex(String name, GraphVertex vertex, int channels, int stride, Handle... in);

    /**
     * {@code k×k} convolution (same padding, no bias) → batch norm → activation, as {@code name/conv},
     * {@code name/bn} and {@code name/act} (no activation layer for identity).
     */
    Handle convBn(String name, Handle in, int out, int k, int stride, Activation act);

    /**
     * Batch norm ({@code name/bn}) followed by {@code act} as its own activation layer ({@code name/act}; none for
     * identity). DL4J 1.0.0-M2.1 ignores an activation configured on a batch-norm layer itself.
     */
    Handle batchNorm(String name, Handle in, Activation act);

    /** {@code k×k} convolution → batch norm → ReLU, stride 1. */
    Handle convBnRelu(String name, Handle in, int out, int k);

    /** A plain {@code k×k} convolution with bias and the given activation (heads, gates, logits). */
    Handle conv(String name, Handle in, int out, int k, Activation act);

    /** Max pooling {@code k×k}, stride {@code s}, same padding. */
    Handle maxPool(String name, Handle in, int k, int s);

    /** Element-wise sum of same-shaped inputs. */
    Handle add(String name, Handle... in);

    /** Element-wise mean of same-shaped inputs (identity for one input). */
    Handle average(String name, Handle... in);

    /** An activation layer (e.g. ReLU after a residual sum). */
    Handle activation(String name, Handle in, Activation act);

    /** Concatenation along channels of inputs with the same stride (identity for one input). */
    Handle concat(String name, Handle... in);

    /**
     * Bilinear upsampling of {@code in} to stride {@code toStride}, equal to PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)} borders included; identity when the strides are
     * equal. The same input upsampled to the same stride twice is computed once (the first handle is reused).
     */
    Handle upsampleTo(String name, Handle in, int toStride);

    /** Upsamples every handle to {@code toStride}, named {@code {scope}/s{stride}/up{toStride}}. */
    List<Handle> upsampleAllTo(String scope, List<Handle> in, int toStride);
}
