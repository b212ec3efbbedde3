package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Proves the oneDNN helpers are active for convolution, batch norm and pooling, and that they give the same forward
 * outputs and gradients as DL4J's built-in implementations. Tolerance: max |a-b| / (max |b| + 1e-6) below 1e-4 in
 * float32 (observed ~1e-6: the two differ only in summation order).
 */
class OneDnnTest {
    @AfterAll
    static void restore() {
        OneDnn.enable();
    }

    @Test
    void helpersAreActiveAndMatchBuiltIns() {
        assertTrue(OneDnn.enable(), "oneDNN helpers should be usable on the CPU backend");
        ComputationGraph on = net();
        assertTrue(on.getLayer("conv").getHelper() instanceof MKLDNNConvHelper, "conv helper");
        assertTrue(on.getLayer("bn").getHelper() instanceof MKLDNNBatchNormHelper, "batch norm helper");
        assertTrue(on.getLayer("pool").getHelper() instanceof MKLDNNSubsamplingHelper, "pooling helper");

        OneDnn.disable();
        ComputationGraph off = net();
        assertNull(off.getLayer("conv").getHelper(), "helpers off gives the built-in path");
        off.setParams(on.params().dup());

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 32, 40);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 5, 32, 40);
        INDArray outOn = on.outputSingle(true, x.dup());
        INDArray outOff = off.outputSingle(true, x.dup());
        assertClose(outOff, outOn, "forward");

        GraphComparisons.assertSameGradients(GraphComparisons.gradient(off, x, y), GraphComparisons.gradient(on, x, y),
                1e-4);
        OneDnn.enable();
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        GraphComparisons.assertClose(expected, actual, 1e-4, what);
    }

    private static ComputationGraph net() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).updater(new Sgd(0.1)).dataType(DataType.FLOAT)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(32, 40, 8))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "bn")
                .addLayer("up", new Upsampling2D.Builder(2).build(), "pool")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(5).activation(Activation.IDENTITY)
                        .build(), "up")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "head")
                .setOutputs("loss")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

}
