package org.hirmtl.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.engine.CacheModes;
import org.hirmtl.engine.GraphComparisons;
import org.hirmtl.engine.OneDnnBatchNorm;
import org.hirmtl.model.vertices.GradientChecks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link LeanLayers}: which layers it replaces, and that the lean graph computes the same gradients and training as
 * DL4J's layers (float, with the engine's convolution cache and batch-norm helper as in training), passes the
 * double-precision gradient check, and survives the JSON round trip of checkpoints.
 */
class LeanLayersTest {
    /**
     * conv1 → bn1 → relu1 → conv2 → bn2 → (+ relu1) → relu2 → conv3 (tanh) → bn3 → relu3, where bn3 is also read by a
     * second sum, → conv4 (sigmoid): relu1 and relu2 can work in place, relu3 cannot; conv1/conv2 are linear, conv3
     * stays DL4J's, conv4 keeps its sigmoid output.
     */
    static ComputationGraphConfiguration conf(DataType type) {
        return conf(type, new Adam(1e-2));
    }

    static ComputationGraphConfiguration conf(DataType type, org.nd4j.linalg.learning.config.IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(9)
                .dataType(type)
                .updater(updater)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(12, 10, 3))
                .addLayer("conv1", conv(3, 6, Activation.IDENTITY), "in")
                .addLayer("bn1", new BatchNormalization.Builder().nOut(6).build(), "conv1")
                .addLayer("relu1", relu(), "bn1")
                .addLayer("conv2", conv(3, 6, Activation.IDENTITY), "relu1")
                .addLayer("bn2", new BatchNormalization.Builder().nOut(6).build(), "conv2")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "relu1")
                .addLayer("relu2", relu(), "sum")
                .addLayer("conv3", conv(1, 4, Activation.TANH), "relu2")
                .addLayer("bn3", new BatchNormalization.Builder().nOut(4).build(), "conv3")
                .addLayer("relu3", relu(), "bn3")
                .addVertex("sum3", new ElementWiseVertex(ElementWiseVertex.Op.Add), "relu3", "bn3")
                .addLayer("conv4", conv(1, 4, Activation.SIGMOID), "sum3")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "conv4")
                .setOutputs("out")
                .build();
    }

    private static ConvolutionLayer conv(int k, int out, Activation act) {
        return new ConvolutionLayer.Builder(k, k).nOut(out).hasBias(act != Activation.IDENTITY).activation(act)
                .build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private static Class<?> layerClass(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer().getClass();
    }

    private static ComputationGraph graph(ComputationGraphConfiguration conf) {
        org.hirmtl.engine.OneDnn.enable(); // DL4J's convolution helper: SigmoidConvolution keeps its output only with one
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        CacheModes.apply(g);
        OneDnnBatchNorm.install(g);
        return g;
    }

    @Test
    void replacesLinearConvolutionsAndRelusWhoseInputNothingElseReads() {
        ComputationGraphConfiguration conf = conf(DataType.FLOAT);
        assertEquals(new LeanLayers.Replaced(3, 2, 0), LeanLayers.apply(conf));
        assertSame(LinearConvolution.class, layerClass(conf, "conv1"));
        assertSame(LinearConvolution.class, layerClass(conf, "conv2"));
        assertSame(ConvolutionLayer.class, layerClass(conf, "conv3"));
        assertSame(SigmoidConvolution.class, layerClass(conf, "conv4"));
        assertSame(InPlaceRelu.class, layerClass(conf, "relu1"));
        assertSame(InPlaceRelu.class, layerClass(conf, "relu2"));
        assertSame(ActivationLayer.class, layerClass(conf, "relu3"));

        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertSame(LinearConvolution.class, layerClass(back, "conv1"));
        assertSame(InPlaceRelu.class, layerClass(back, "relu2"));
        assertSame(SigmoidConvolution.class, layerClass(back, "conv4"));
        assertEquals(conf.toJson(), back.toJson());
    }

    @Test
    void leanGraphComputesTheSameGradientsAndTraining() {
        ComputationGraph plain = graph(conf(DataType.FLOAT));
        ComputationGraphConfiguration leanConf = conf(DataType.FLOAT);
        LeanLayers.apply(leanConf);
        ComputationGraph lean = graph(leanConf);
        lean.setParams(plain.params().dup());

        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 12, 10);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 4, 12, 10);
        GraphComparisons.assertSameGradients(GraphComparisons.gradient(plain, x, y),
                GraphComparisons.gradient(lean, x, y), 1e-6);
        for (int step = 0; step < 3; step++) {
            INDArray xi = x.mul(step + 1).subi(0.5);
            plain.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            lean.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            GraphComparisons.assertClose(plain.output(false, x.dup())[0], lean.output(false, x.dup())[0], 1e-6,
                    "inference after step " + step);
        }
        GraphComparisons.assertClose(plain.params(), lean.params(), 1e-6, "parameters after 3 steps");
        assertEquals(plain.getUpdater().getStateViewArray().sumNumber().doubleValue(),
                lean.getUpdater().getStateViewArray().sumNumber().doubleValue(), 1e-6);
    }

    @Test
    void leanGraphPassesTheDoublePrecisionGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf = conf(DataType.DOUBLE, new org.nd4j.linalg.learning.config.NoOp());
            LeanLayers.apply(conf);
            ComputationGraph g = graph(conf);
            assertTrue(((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) g.getLayer("conv4")).getHelper()
                    != null, "the kept-output path of SigmoidConvolution is the one checked");
            // with seed 7 one conv2 weight's finite difference crosses a ReLU kink (DL4J's own layers fail there too)
            Nd4j.getRandom().setSeed(11);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 12, 10).subi(0.5);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 4, 12, 10);
            GradientChecks.Result r = GradientChecks.check(g, new INDArray[] {x}, new INDArray[] {y},
                    java.util.Set.of("bn1_mean", "bn1_log10stdev", "bn2_mean", "bn2_log10stdev", "bn3_mean",
                            "bn3_log10stdev"));
            assertTrue(r.passed(), "largest relative error " + r.maxRelError());
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void dl4jSwitchLeavesTheConfigurationAlone() {
        System.setProperty(LeanLayers.PROPERTY, "dl4j");
        try {
            ComputationGraphConfiguration conf = conf(DataType.FLOAT);
            assertEquals(new LeanLayers.Replaced(0, 0, 0), LeanLayers.apply(conf));
            assertSame(ConvolutionLayer.class, layerClass(conf, "conv1"));
        } finally {
            System.clearProperty(LeanLayers.PROPERTY);
        }
    }
}
