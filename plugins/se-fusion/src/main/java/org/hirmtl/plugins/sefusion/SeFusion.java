package org.hirmtl.plugins.sefusion;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.hirmtl.api.FusionFactory;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Fusion {@code se}: channel attention over the concatenated scales, an alternative to TAF's per-pixel softmax over
 * scales. The task's S scale features (C channels each) are upsampled to the finest stride and concatenated (S·C
 * channels); a squeeze-and-excitation branch — global average pooling, 1×1 convolution to max(4, S·C/4) channels with
 * ReLU, 1×1 convolution back to S·C channels with sigmoid — gives one weight per channel and example; the weighted
 * concatenation ({@link ChannelGateVertex}) is projected back to C channels by a 1×1 convolution + BN + ReLU.
 */
public final class SeFusion implements FusionFactory {
    /** The registered name. */
    public static final String NAME = "se";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Handle build(ModelGraph g, String task, List<Handle> scales, int channels) {
        String scope = task + "/fusion";
        int stride = scales.get(0).stride();
        List<Handle> up = g.upsampleAllTo(scope + "/up", scales, stride);
        Handle cat = g.concat(scope + "/cat", up.toArray(Handle[]::new));
        int c = cat.channels();
        Handle pooled = g.layer(scope + "/se/pool", new GlobalPoolingLayer.Builder(PoolingType.AVG)
                .collapseDimensions(false).build(), c, 1, cat);
        Handle reduce = g.conv(scope + "/se/reduce", pooled, Math.max(4, c / 4), 1, Activation.RELU);
        Handle gate = g.conv(scope + "/se/gate", reduce, c, 1, Activation.SIGMOID);
        Handle gated = g.vertex(scope + "/se/apply", new ChannelGateVertex(), c, stride, cat, gate);
        return g.convBn(scope + "/proj", gated, channels, 1, 1, Activation.RELU);
    }
}
