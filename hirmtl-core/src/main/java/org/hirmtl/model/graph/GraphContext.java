package org.hirmtl.model.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.model.vertices.BilinearUpsampleVertex;
import org.nd4j.linalg.activations.Activation;

/**
 * The graph under construction, with small fragment helpers so components never copy builder chains: convolution +
 * batch norm + ReLU, residual addition, concatenation, bilinear resampling. Vertex names follow one scheme,
 * {@code {scope}/{name}} (e.g. {@code semseg/s8/stf/conv1}); a duplicate name is an error.
 */
public final class GraphContext implements ModelGraph {
    private final GraphBuilder builder;
    private final Set<String> names = new LinkedHashSet<>();
    private final java.util.Map<String, Handle> upsampled = new java.util.HashMap<>();

    /** @param builder the DL4J graph builder to add vertices to */
    public GraphContext(GraphBuilder builder) {
        this.builder = builder;
    }

    /** The underlying builder, for components that need a layer the helpers do not cover. */
    @Override
    public GraphBuilder builder() {
        return builder;
    }

    /** Declares a graph input named {@code name}. */
    @Override
    public Handle input(String name, int channels) {
        claim(name);
        builder.addInputs(name);
        return new Handle(name, channels, 1);
    }

    /** Adds a layer; the output keeps {@code in}'s stride unless {@code strideFactor} > 1. */
    @Override
    public Handle layer(String name, Layer layer, int channels, int strideFactor, Handle... in) {
        claim(name);
        builder.addLayer(name, layer, nodes(in));
        return new Handle(name, channels, in[0].stride() * strideFactor);
    }

    /** Adds a vertex with the given output channels and stride. */
    @Override
    public Handle vertex(String name, GraphVertex vertex, int channels, int stride, Handle... in) {
        claim(name);
        builder.addVertex(name, vertex, nodes(in));
        return new Handle(name, channels, stride);
    }

    /**
     * {@code k×k} convolution (same padding, no bias: a batch norm follows) → batch norm → activation. The activation
     * is its own layer ({@code name/act}): DL4J 1.0.0-M2.1's {@code BatchNormalization} layer silently ignores an
     * activation configured on it (see {@link #batchNorm}).
     */
    @Override
    public Handle convBn(String name, Handle in, int out, int k, int stride, Activation act) {
        Handle c = layer(name + "/conv", new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(out)
                .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build(),
                out, stride, in);
        return batchNorm(name, c, act);
    }

    /**
     * Batch norm ({@code name/bn}) followed by {@code act} as an {@code ActivationLayer} ({@code name/act}; none for
     * identity). Never put the activation on the {@code BatchNormalization} layer itself: DL4J 1.0.0-M2.1 does not
     * apply it there (measured: negative values come out of a BN layer configured with ReLU).
     */
    @Override
    public Handle batchNorm(String name, Handle in, Activation act) {
        Handle bn = layer(name + "/bn", new BatchNormalization.Builder().nOut(in.channels())
                .activation(Activation.IDENTITY).build(), in.channels(), 1, in);
        return act == Activation.IDENTITY ? bn : activation(name + "/act", bn, act);
    }

    /** {@code k×k} convolution → batch norm → ReLU. */
    @Override
    public Handle convBnRelu(String name, Handle in, int out, int k) {
        return convBn(name, in, out, k, 1, Activation.RELU);
    }

    /** A plain {@code k×k} convolution with bias and the given activation (heads, gates, logits). */
    @Override
    public Handle conv(String name, Handle in, int out, int k, Activation act) {
        return layer(name, new ConvolutionLayer.Builder(k, k).nOut(out).convolutionMode(ConvolutionMode.Same)
                .hasBias(true).activation(act).build(), out, 1, in);
    }

    /** Max pooling {@code k×k}, stride {@code s}, same padding. */
    @Override
    public Handle maxPool(String name, Handle in, int k, int s) {
        return layer(name, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(k, k)
                .stride(s, s).convolutionMode(ConvolutionMode.Same).build(), in.channels(), s, in);
    }

    /** Element-wise sum of same-shaped inputs. */
    @Override
    public Handle add(String name, Handle... in) {
        check(name, in);
        return vertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), in[0].channels(), in[0].stride(), in);
    }

    /** Element-wise mean of same-shaped inputs (identity for one input). */
    @Override
    public Handle average(String name, Handle... in) {
        if (in.length == 1) {
            return in[0];
        }
        check(name, in);
        return vertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Average), in[0].channels(), in[0].stride(),
                in);
    }

    /** An activation (e.g. ReLU after a residual sum). */
    @Override
    public Handle activation(String name, Handle in, Activation act) {
        return layer(name, new ActivationLayer.Builder().activation(act).build(), in.channels(), 1, in);
    }

    /** Concatenation along channels of inputs with the same stride. */
    @Override
    public Handle concat(String name, Handle... in) {
        int c = 0;
        for (Handle h : in) {
            if (h.stride() != in[0].stride()) {
                throw new IllegalArgumentException(name + ": cannot concatenate strides " + h.stride() + " and "
                        + in[0].stride());
            }
            c += h.channels();
        }
        if (in.length == 1) {
            return in[0];
        }
        return vertex(name, new MergeVertex(), c, in[0].stride(), in);
    }

    /**
     * Bilinear upsampling of {@code in} to stride {@code toStride}: a {@link BilinearUpsampleVertex}, equal to
     * PyTorch's {@code interpolate(mode="bilinear", align_corners=False)} borders included. Identity when the
     * strides are equal. The same input upsampled to the same stride twice (e.g. shared features used by every task)
     * is computed once: the first handle is reused.
     */
    @Override
    public Handle upsampleTo(String name, Handle in, int toStride) {
        if (in.stride() == toStride) {
            return in;
        }
        Handle done = upsampled.get(in.node() + "@" + toStride);
        if (done != null) {
            return done;
        }
        if (in.stride() % toStride != 0) {
            throw new IllegalArgumentException(name + ": cannot upsample stride " + in.stride() + " to " + toStride);
        }
        int f = in.stride() / toStride;
        Handle h = vertex(name, new BilinearUpsampleVertex(f), in.channels(), toStride, in);
        upsampled.put(in.node() + "@" + toStride, h);
        return h;
    }

    /** Upsamples every handle to {@code toStride}, named {@code {scope}/s{stride}/up{toStride}}. */
    @Override
    public List<Handle> upsampleAllTo(String scope, List<Handle> in, int toStride) {
        List<Handle> out = new ArrayList<>();
        for (Handle h : in) {
            out.add(upsampleTo(scope + "/s" + h.stride() + "/up" + toStride, h, toStride));
        }
        return out;
    }

    private void check(String name, Handle... in) {
        for (Handle h : in) {
            if (h.channels() != in[0].channels() || h.stride() != in[0].stride()) {
                throw new IllegalArgumentException(name + ": inputs differ in shape: " + Arrays.toString(in));
            }
        }
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("graph vertex name used twice: " + name);
        }
    }

    private static String[] nodes(Handle... in) {
        String[] n = new String[in.length];
        for (int i = 0; i < in.length; i++) {
            n[i] = in[i].node();
        }
        return n;
    }
}
