package org.hirmtl.model.vertices;

import static org.hirmtl.model.vertices.ScaleSoftmaxFusionVertexTest.assertArrayEquals;
import static org.hirmtl.model.vertices.ScaleSoftmaxFusionVertexTest.conv;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.hirmtl.engine.OneDnn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** All vertices of the package in float32 with DL4J's oneDNN helpers on: reference values, agreement, training. */
class VerticesOneDnnTest {
    private String disableBefore;

    @BeforeEach
    void enableOneDnn() {
        disableBefore = System.getProperty(OneDnn.DISABLE_PROPERTY);
        assertTrue(OneDnn.enable(), "oneDNN helpers should be usable");
    }

    @AfterEach
    void restore() {
        if (disableBefore == null) {
            System.clearProperty(OneDnn.DISABLE_PROPERTY);
        } else {
            System.setProperty(OneDnn.DISABLE_PROPERTY, disableBefore);
        }
    }

    @Test
    void vertexForwardMatchesLoopsInFloat() {
        Nd4j.getRandom().setSeed(21);
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 4, 5, 7).subi(0.5).muli(10);
        INDArray[] f = new INDArray[4];
        for (int s = 0; s < 4; s++) {
            f[s] = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 7);
        }
        INDArray fused = ScaleSoftmaxFusionVertexTest.bare(DataType.FLOAT, 4)
                .outputSingle(ScaleSoftmaxFusionVertexTest.concat(a, f));
        assertArrayEquals(ScaleSoftmaxFusionVertexTest.reference(a.castTo(DataType.DOUBLE), doubles(f)), fused, 1e-5);

        INDArray g = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 7);
        INDArray exchanged = GatedExchangeVertexTest.bare(DataType.FLOAT).outputSingle(g, f[0], f[1]);
        assertArrayEquals(GatedExchangeVertexTest.reference(g.castTo(DataType.DOUBLE), f[0].castTo(DataType.DOUBLE),
                f[1].castTo(DataType.DOUBLE)), exchanged, 1e-6);
    }

    @Test
    void helpersOnAndOffAgreeAndTrainingStaysFinite() {
        ComputationGraph on = new ComputationGraph(everything());
        on.init();
        assertTrue(on.getLayer("f0").getHelper() instanceof MKLDNNConvHelper, "conv helper active");

        OneDnn.disable();
        ComputationGraph off = new ComputationGraph(everything());
        off.init();
        off.setParams(on.params().dup());

        Nd4j.getRandom().setSeed(22);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 8);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 2, 12, 16);
        INDArray outOn = on.outputSingle(x.dup());
        INDArray outOff = off.outputSingle(x.dup());
        double scale = outOff.amaxNumber().doubleValue() + 1e-6;
        assertArrayEquals(outOff.div(scale), outOn.div(scale), 1e-4);

        for (int i = 0; i < 5; i++) {
            on.fit(new INDArray[] {x}, new INDArray[] {y});
        }
        assertFalse(Double.isNaN(on.score()) || Double.isInfinite(on.score()), "finite loss");
        assertFalse(on.params().isNaN().any(), "finite parameters");
    }

    /** logits + 3 scales -> fusion -> (G_t, G_u, gate) -> exchange -> conv -> bilinear x2 -> loss. */
    private static ComputationGraphConfiguration everything() {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(9)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 8, 3))
                .addLayer("logits", conv(1, 3, Activation.IDENTITY), "in")
                .addLayer("f0", conv(3, 4, Activation.RELU), "in")
                .addLayer("f1", conv(3, 4, Activation.RELU), "in")
                .addLayer("f2", conv(3, 4, Activation.RELU), "in")
                .addVertex("fuse", new ScaleSoftmaxFusionVertex(3), "logits", "f0", "f1", "f2")
                .addLayer("gt", conv(3, 4, Activation.RELU), "fuse")
                .addLayer("gu", conv(3, 4, Activation.RELU), "in")
                .addVertex("pair", new MergeVertex(), "gt", "gu")
                .addLayer("gate", conv(1, 4, Activation.SIGMOID), "pair")
                .addVertex("exchange", new GatedExchangeVertex(), "gate", "gt", "gu")
                .addLayer("post", conv(3, 2, Activation.IDENTITY), "exchange");
        String up = "up";
        b.addVertex(up, new BilinearUpsampleVertex(2), "post");
        return b.addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), up)
                .setOutputs("out")
                .build();
    }

    private static INDArray[] doubles(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].castTo(DataType.DOUBLE);
        }
        return out;
    }
}
