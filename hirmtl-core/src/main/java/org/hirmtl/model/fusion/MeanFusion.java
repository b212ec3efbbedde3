package org.hirmtl.model.fusion;

import java.util.List;
import org.hirmtl.api.FusionFactory;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/** The ablation of TAF: the plain mean of the upsampled scales, then a 3×3 ConvBNReLU. */
public final class MeanFusion implements FusionFactory {
    /** The registered name. */
    public static final String NAME = "mean";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Handle build(ModelGraph g, String task, List<Handle> scales, int channels) {
        int stride = scales.get(0).stride();
        List<Handle> up = g.upsampleAllTo(task, scales, stride);
        Handle mean = g.average(task + "/fusion/mean", up.toArray(Handle[]::new));
        return g.convBnRelu(task + "/fusion/out", mean, channels, 3);
    }
}
