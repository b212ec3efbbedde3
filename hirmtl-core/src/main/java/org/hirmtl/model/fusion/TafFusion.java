package org.hirmtl.model.fusion;

import java.util.ArrayList;
import java.util.List;
import org.hirmtl.api.FusionFactory;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.model.vertices.ScaleSoftmaxFusionVertex;
import org.nd4j.linalg.activations.Activation;

/**
 * Task-adaptive fusion (TAF): every scale's features are upsampled (bilinear) to the finest stride; the task's own
 * 1×1 convolution turns their concatenation into S scale logits; a per-pixel softmax over scales weights the
 * features ({@link ScaleSoftmaxFusionVertex}); a 3×3 ConvBNReLU finishes: {@code G_t = CBR3(Σ_s softmax(A_t)_s ⊙
 * F_{s,t})}. Each task chooses its scales pixel by pixel.
 */
public final class TafFusion implements FusionFactory {
    /** The registered name. */
    public static final String NAME = "taf";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Handle build(ModelGraph g, String task, List<Handle> scales, int channels) {
        int stride = scales.get(0).stride();
        List<Handle> up = g.upsampleAllTo(task, scales, stride);
        if (up.size() == 1) {
            return g.convBnRelu(task + "/fusion/out", up.get(0), channels, 3);
        }
        Handle cat = g.concat(task + "/fusion/concat", up.toArray(Handle[]::new));
        Handle logits = g.conv(task + "/fusion/logits", cat, up.size(), 1, Activation.IDENTITY);
        List<Handle> in = new ArrayList<>();
        in.add(logits);
        in.addAll(up);
        Handle fused = g.vertex(task + "/fusion/softmax", new ScaleSoftmaxFusionVertex(up.size()), channels, stride,
                in.toArray(Handle[]::new));
        return g.convBnRelu(task + "/fusion/out", fused, channels, 3);
    }
}
