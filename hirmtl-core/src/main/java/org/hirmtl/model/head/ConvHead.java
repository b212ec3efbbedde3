package org.hirmtl.model.head;

import org.hirmtl.api.HeadFactory;
import org.hirmtl.api.config.HeadConfig;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/** The default head: {@code Conv1x1(out)(ConvBNReLU3x3(x))}, raw outputs at the input's stride. */
public final class ConvHead implements HeadFactory {
    /** The registered name. */
    public static final String NAME = "conv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Handle build(ModelGraph g, String scope, Handle features, int outChannels, HeadConfig config) {
        Handle hidden = g.convBnRelu(scope + "/hidden", features, config.channels(), 3);
        return g.conv(scope + "/logits", hidden, outChannels, 1, Activation.IDENTITY);
    }
}
