package com.example.hirmtl;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.hirmtl.api.FusionFactory;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Fusion {@code max}: every scale upsampled to the finest stride, their element-wise maximum, then a 3×3 conv-BN-ReLU.
 * Built only from DL4J's own layers and vertices, so it needs no backward pass of its own and exports to ONNX as is.
 */
public final class MaxFusion implements FusionFactory {
    @Override
    public String name() {
        return "max";
    }

    @Override
    public Handle build(ModelGraph g, String task, List<Handle> scales, int channels) {
        String scope = task + "/fusion";
        List<Handle> up = g.upsampleAllTo(scope + "/up", scales, scales.get(0).stride());
        Handle max = up.size() == 1 ? up.get(0) : g.vertex(scope + "/max",
                new ElementWiseVertex(ElementWiseVertex.Op.Max), channels, up.get(0).stride(),
                up.toArray(Handle[]::new));
        return g.convBn(scope + "/out", max, channels, 3, 1, Activation.RELU);
    }
}
