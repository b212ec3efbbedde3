package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.engine.layers.LeanLayers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link OneDnnConvolution}: convolutions through oneDNN's own primitives give the gradients of DL4J's path, the same
 * inference outputs and parameters over 3 training steps, on the geometries the toolkit's models use: a 3-channel
 * stride-2 stem with PyTorch's padding on an odd-sized input, {@code Same} 3×3 and 1×1 convolutions with and without
 * bias, a dilated 3×3 with tanh, a stride-2 1×1 whose right padding is negative (which oneDNN takes or the helper
 * hands to DL4J), channel slices of a concatenation's gradient as the incoming gradient (strided, read in place), a
 * depthwise convolution (left to DL4J) and the toolkit's own {@code LinearConvolution}.
 */
class OneDnnConvolutionTest {
    static ComputationGraph net() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(1e-2))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(17, 20, 3))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(8).build(), "stem")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(),
                        "relu")
                .addLayer("b", new ConvolutionLayer.Builder(1, 1).nOut(4).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "relu")
                .addLayer("dw", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).nOut(8)
                        .activation(Activation.IDENTITY).build(), "relu")
                .addVertex("cat", new MergeVertex(), "a", "b", "dw")
                .addLayer("c", new ConvolutionLayer.Builder(3, 3).dilation(2, 2).nOut(8)
                        .activation(Activation.TANH).build(), "cat")
                .addLayer("d", new ConvolutionLayer.Builder(1, 1).stride(2, 2).padding(0, 0)
                        .convolutionMode(ConvolutionMode.Truncate).nOut(3).activation(Activation.IDENTITY).build(),
                        "c")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "d")
                .setOutputs("out")
                .build();
        LeanLayers.apply(conf); // the toolkit's LinearConvolution for the identity convolutions, as models have
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        CacheModes.apply(g);
        return g;
    }

    @Test
    void trainsAsDl4jsConvolution() {
        ComputationGraph dl4j = net();
        ComputationGraph onednn = net();
        onednn.setParams(dl4j.params().dup());
        String before = System.getProperty(OneDnnConvolution.PROPERTY);
        System.clearProperty(OneDnnConvolution.PROPERTY);
        try {
            assertEquals(5, OneDnnConvolution.install(onednn)); // stem, a, b, c, d; not the depthwise one
        } finally {
            if (before != null) {
                System.setProperty(OneDnnConvolution.PROPERTY, before);
            }
        }
        for (String name : new String[] {"stem", "a", "b", "c", "d"}) {
            assertInstanceOf(OneDnnConvolution.class,
                    ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) onednn.getLayer(name)).getHelper(),
                    name);
        }
        Layer dw = onednn.getLayer("dw");
        assertNotSame(OneDnnConvolution.class, helperClass(dw));

        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 17, 20).muli(2).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 3, 5, 5);
        var ge = GraphComparisons.gradient(dl4j, x, y);
        var ga = GraphComparisons.gradient(onednn, x, y);
        GraphComparisons.assertSameGradients(ge, ga, 1e-4);
        GraphComparisons.assertClose(dl4j.output(false, x.dup())[0], onednn.output(false, x.dup())[0], 1e-5,
                "inference output");
        for (int step = 0; step < 3; step++) {
            INDArray xi = x.mul(step + 1);
            dl4j.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            onednn.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            GraphComparisons.assertClose(dl4j.output(false, x.dup())[0], onednn.output(false, x.dup())[0], 1e-4,
                    "inference output after step " + step);
        }
        GraphComparisons.assertClose(dl4j.params(), onednn.params(), 1e-4, "parameters after 3 steps");
        GraphComparisons.assertClose(dl4j.getUpdater().getStateViewArray(), onednn.getUpdater().getStateViewArray(),
                1e-4, "Adam's state after 3 steps");
    }

    @Test
    void isOnByDefaultOnTheCpuAndOffWithDl4j() {
        String before = System.getProperty(OneDnnConvolution.PROPERTY);
        try {
            System.clearProperty(OneDnnConvolution.PROPERTY);
            assertEquals(5, OneDnnConvolution.install(net()));
            System.setProperty(OneDnnConvolution.PROPERTY, "dl4j");
            assertEquals(0, OneDnnConvolution.install(net()));
        } finally {
            if (before == null) {
                System.clearProperty(OneDnnConvolution.PROPERTY);
            } else {
                System.setProperty(OneDnnConvolution.PROPERTY, before);
            }
        }
    }

    /** One convolution, helper against helper: DL4J's oneDNN helper (libnd4j's conv2d ops) and this one. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            // n, c, h, w, out, k, stride, pad, dilation, mode, bias, strided delta
            "2, 3, 17, 20, 8, 3, 2, 1, 1, Truncate, false, false",
            "2, 8, 9, 10, 8, 3, 1, 0, 1, Same, true, false",
            "3, 8, 9, 10, 8, 3, 1, 0, 1, Same, true, false",
            "2, 8, 9, 10, 4, 1, 1, 0, 1, Same, false, true",
            "2, 8, 9, 10, 3, 1, 2, 0, 1, Truncate, true, false",
            "2, 32, 16, 20, 32, 3, 1, 0, 1, Same, false, true",
            "2, 8, 9, 10, 16, 1, 1, 0, 1, Same, false, false",
            "2, 8, 9, 10, 4, 3, 1, 0, 1, Same, false, false",
            "2, 16, 9, 10, 4, 3, 1, 0, 1, Same, false, false",
            "2, 16, 9, 10, 8, 3, 1, 0, 1, Same, false, false",
            "2, 4, 9, 10, 4, 3, 1, 0, 1, Same, false, false"})
    void oneConvolutionAsLibnd4jComputesIt(int n, int c, int h, int w, int out, int k, int stride, int pad, int dil,
                                           ConvolutionMode mode, boolean bias, boolean stridedDelta) {
        Nd4j.getRandom().setSeed(n * 31 + c);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, c, h, w).subi(0.5);
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 3 + out * c * k * k).subi(0.5);
        INDArray wts = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + out * c * k * k)).reshape('c', out, c, k, k);
        INDArray b = bias ? Nd4j.rand(DataType.FLOAT, 1, out) : null;
        int[] kernel = {k, k};
        int[] strides = {stride, stride};
        int[] pads = {pad, pad};
        int[] dilation = {dil, dil};
        var ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        var ref = new org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper(DataType.FLOAT);
        var mine = new OneDnnConvolution();
        INDArray yRef = ref.preOutput(x, wts, b == null ? Nd4j.zeros(DataType.FLOAT, 1, out) : b, kernel, strides,
                pads, null, null, mode, dilation, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, ws);
        INDArray y = mine.preOutput(x, wts, b, kernel, strides, pads, null, null, mode, dilation,
                org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, ws);
        GraphComparisons.assertClose(yRef, y, 1e-5, "output");
        INDArray delta = Nd4j.rand(DataType.FLOAT, yRef.shape()).subi(0.5);
        if (stridedDelta) { // a channel slice of a larger array, as a concatenation's gradient hands on
            INDArray big = Nd4j.rand(DataType.FLOAT, n, out + 5, y.size(2), y.size(3));
            big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 2 + out)).assign(delta);
            delta = big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 2 + out));
        }
        INDArray dwRef = Nd4j.zeros(DataType.FLOAT, out, c, k, k);
        INDArray dbRef = Nd4j.zeros(DataType.FLOAT, 1, out);
        INDArray dw = Nd4j.zeros(DataType.FLOAT, out, c, k, k);
        INDArray db = Nd4j.zeros(DataType.FLOAT, 1, out);
        var act = new org.nd4j.linalg.activations.impl.ActivationIdentity();
        INDArray dxRef = ref.backpropGradient(x, wts, b, delta.dup(), kernel, strides, pads, bias ? dbRef : null,
                dwRef, act, null, null, null, mode, dilation, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, ws)
                .getSecond();
        INDArray dx = mine.backpropGradient(x, wts, b, delta, kernel, strides, pads, bias ? db : null, dw, act, null,
                null, null, mode, dilation, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, ws).getSecond();
        GraphComparisons.assertClose(dxRef, dx, 1e-5, "input gradient");
        GraphComparisons.assertClose(dwRef, dw, 1e-5, "weight gradient");
        if (bias) {
            GraphComparisons.assertClose(dbRef, db, 1e-5, "bias gradient");
        }
    }

    private static Class<?> helperClass(Layer layer) {
        Object h = ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) layer).getHelper();
        return h == null ? Void.class : h.getClass();
    }
}
