package org.hirmtl.model.backbone;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.model.graph.GraphContext;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds test graphs around a backbone: its outputs alone (inference), or with a small regression loss on top. */
final class BackboneGraphs {
    /** Outputs of the regression head used for training tests. */
    static final int HEAD_OUT = 4;

    private BackboneGraphs() {
    }

    /** A configuration and the backbone's handles. */
    record Built(ComputationGraphConfiguration conf, List<Handle> handles) {
    }

    /** The backbone's outputs are the graph's outputs (DL4J allows any vertex as an output for inference). */
    static Built outputs(BackboneFactory factory, BackboneConfig config, int height, int width) {
        GraphBuilder b = builder();
        GraphContext g = new GraphContext(b);
        List<Handle> handles = factory.build(g, g.input("image", 3), config);
        b.setOutputs(handles.stream().map(Handle::node).toArray(String[]::new));
        b.setInputTypes(InputType.convolutional(height, width, 3));
        return new Built(b.build(), handles);
    }

    /** Global average pooling of every output, concatenated, into a {@value #HEAD_OUT}-way MSE regression. */
    static Built withLoss(BackboneFactory factory, BackboneConfig config, int height, int width) {
        GraphBuilder b = builder();
        GraphContext g = new GraphContext(b);
        List<Handle> handles = factory.build(g, g.input("image", 3), config);
        List<Handle> pooled = new ArrayList<>();
        for (Handle h : handles) {
            pooled.add(g.layer("head/pool_s" + h.stride(), new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                    h.channels(), 1, h));
        }
        Handle merged = g.vertex("head/merge", new MergeVertex(), 1, 1, pooled.toArray(Handle[]::new));
        g.layer("head/out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(HEAD_OUT)
                .activation(Activation.IDENTITY).build(), HEAD_OUT, 1, merged);
        b.setOutputs("head/out");
        b.setInputTypes(InputType.convolutional(height, width, 3));
        return new Built(b.build(), handles);
    }

    private static GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).graphBuilder();
    }
}
