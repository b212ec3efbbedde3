package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link CacheModes}: with convolution outputs cached for backprop the gradients and the trained parameters are the
 * same as with DL4J's default (recomputation), also when inference passes come between training steps.
 */
class CacheModesTest {
    static ComputationGraph net() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(9)
                .updater(new Adam(1e-2))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(16, 20, 4))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(8).build(), "conv1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8)
                        .activation(Activation.IDENTITY).build(), "relu")
                .addLayer("conv3", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(),
                        "conv2")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "conv3")
                .setOutputs("out")
                .build());
        g.init();
        return g;
    }

    @Test
    void cachedConvolutionsGiveTheSameGradientsAndTraining() {
        ComputationGraph plain = net();
        ComputationGraph cached = net();
        cached.setParams(plain.params().dup());
        CacheModes.apply(cached);
        assertEquals(CacheMode.DEVICE, cached.getConfiguration().getCacheMode());
        assertEquals(CacheMode.NONE, plain.getConfiguration().getCacheMode());

        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 16, 20);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 3, 8, 10);
        GraphComparisons.assertSameGradients(GraphComparisons.gradient(plain, x, y),
                GraphComparisons.gradient(cached, x, y), 1e-5);
        for (int step = 0; step < 3; step++) {
            INDArray xi = x.mul(step + 1);
            plain.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            cached.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            // an inference pass between steps must not leave a stale cache behind
            plain.output(false, x.dup());
            cached.output(false, x.dup());
        }
        GraphComparisons.assertClose(plain.params(), cached.params(), 1e-5, "parameters after 3 steps");
    }
}
