package org.hirmtl.model.vertices;

import static org.hirmtl.model.vertices.ScaleSoftmaxFusionVertexTest.conv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link ChannelL2NormalizeVertex}: unit length per pixel, gradients, JSON round trip. */
class ChannelL2NormalizeVertexTest {
    @AfterEach
    void restoreDefaultType() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static ComputationGraphConfiguration conf(DataType type) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 8, 2))
                .addLayer("pre", conv(1, 3, Activation.TANH), "in")
                .addVertex("unit", new ChannelL2NormalizeVertex(), "pre")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "unit")
                .setOutputs("out")
                .build();
    }

    @Test
    void passesGradientCheckInDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph g = new ComputationGraph(conf(DataType.DOUBLE));
        g.init();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 8).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 3, 6, 8).subi(0.5);
        GradientChecks.Result r = GradientChecks.check(g, new INDArray[] {x}, new INDArray[] {y});
        assertTrue(r.passed(), "gradient check, max relative error " + r.maxRelError());
    }

    @Test
    void outputsUnitVectorsPerPixel() {
        ComputationGraph g = new ComputationGraph(conf(DataType.FLOAT));
        g.init();
        INDArray out = g.feedForward(Nd4j.rand(DataType.FLOAT, 2, 2, 6, 8), false).get("unit");
        INDArray norms = out.mul(out).sum(1);
        assertEquals(1.0, norms.minNumber().doubleValue(), 1e-5);
        assertEquals(1.0, norms.maxNumber().doubleValue(), 1e-5);
    }

    @Test
    void survivesAJsonRoundTrip() {
        ComputationGraphConfiguration c = conf(DataType.FLOAT);
        assertEquals(c, ComputationGraphConfiguration.fromJson(c.toJson()));
        assertTrue(c.toJson().contains("org.hirmtl.model.vertices.ChannelL2NormalizeVertex"));
    }
}
