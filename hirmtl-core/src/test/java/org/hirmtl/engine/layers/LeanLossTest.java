package org.hirmtl.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.engine.CacheModes;
import org.hirmtl.engine.GraphComparisons;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * {@link LeanLoss} and {@link NchwLosses}: which loss layers {@link LeanLayers} replaces, and that the replaced graph
 * computes the same scores (per output and in all), gradients, outputs and training as DL4J's {@code CnnLossLayer}
 * — semseg cross-entropy with ignored pixels, normals and depth L1, an L1 through tanh, balanced BCE — and passes the
 * double-precision gradient check with label masks.
 */
class LeanLossTest {
    private static final int H = 8;
    private static final int W = 10;
    private static final String[] OUTPUTS = {"seg", "nrm", "dep", "tdep", "edg", "msep"};

    /** A trunk and six heads: the built-in losses, and one DL4J loss (MSE) that stays DL4J's layer. */
    static ComputationGraphConfiguration conf(DataType type, IUpdater updater) {
        int pixels = H * W;
        return new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(type)
                .updater(updater)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(H, W, 3))
                .addLayer("trunk", conv(3, 6, Activation.TANH), "in")
                .addLayer("seg_z", conv(1, 5, Activation.IDENTITY), "trunk")
                .addLayer("nrm_z", conv(1, 3, Activation.IDENTITY), "trunk")
                .addLayer("dep_z", conv(1, 1, Activation.IDENTITY), "trunk")
                .addLayer("tdep_z", conv(1, 1, Activation.IDENTITY), "trunk")
                .addLayer("edg_z", conv(1, 1, Activation.IDENTITY), "trunk")
                .addLayer("msep_z", conv(1, 2, Activation.IDENTITY), "trunk")
                .addLayer("seg", loss(new PixelCrossEntropy(1.0, pixels), Activation.SOFTMAX), "seg_z")
                .addLayer("nrm", loss(new MaskedL1(0.7, pixels), Activation.IDENTITY), "nrm_z")
                .addLayer("dep", loss(new MaskedL1(0.5, pixels), Activation.IDENTITY), "dep_z")
                .addLayer("tdep", loss(new MaskedL1(0.3, pixels), Activation.TANH), "tdep_z")
                .addLayer("edg", loss(new BalancedBinaryCrossEntropy(0.9, pixels, BalancedBinaryCrossEntropy.AUTO),
                        Activation.SIGMOID), "edg_z")
                .addLayer("msep", new CnnLossLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "msep_z")
                .setOutputs(OUTPUTS)
                .build();
    }

    private static ConvolutionLayer conv(int k, int out, Activation act) {
        return new ConvolutionLayer.Builder(k, k).nOut(out).activation(act).build();
    }

    private static CnnLossLayer loss(org.nd4j.linalg.lossfunctions.ILossFunction fn, Activation act) {
        return new CnnLossLayer.Builder().lossFunction(fn).activation(act).build();
    }

    private static ComputationGraph graph(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        CacheModes.apply(g);
        return g;
    }

    /** Labels and masks for the six outputs: one-hot semseg with ignored (all-zero, masked) pixels, etc. */
    static MultiDataSet batch(DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        int n = 2;
        INDArray x = Nd4j.rand(type, n, 3, H, W).subi(0.5);
        INDArray mask = Nd4j.rand(type, n, 1, H, W).gt(0.25).castTo(type);
        INDArray seg = GraphComparisons.oneHot(mask, 5);
        INDArray nrm = Nd4j.rand(type, n, 3, H, W).subi(0.5);
        INDArray dep = Nd4j.rand(type, n, 1, H, W).muli(3);
        INDArray tdep = Nd4j.rand(type, n, 1, H, W).subi(0.5);
        INDArray edg = Nd4j.rand(type, n, 1, H, W).gt(0.7).castTo(type);
        INDArray msep = Nd4j.rand(type, n, 2, H, W);
        INDArray[] labels = {seg, nrm, dep, tdep, edg, msep};
        INDArray[] masks = {mask, mask.dup(), mask.dup(), null, mask.dup(), null};
        return new MultiDataSet(new INDArray[] {x}, labels, null, masks);
    }

    private static Class<?> layerClass(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer().getClass();
    }

    @Test
    void replacesTheLossLayersOfTheBuiltInLossesOnly() {
        ComputationGraphConfiguration conf = conf(DataType.FLOAT, new Adam(1e-2));
        Object segLoss = ((CnnLossLayer) ((LayerVertex) conf.getVertices().get("seg")).getLayerConf().getLayer())
                .getLossFn();
        assertEquals(5, LeanLayers.apply(conf).losses());
        for (String name : new String[] {"seg", "nrm", "dep", "tdep", "edg"}) {
            assertSame(LeanLoss.class, layerClass(conf, name), name);
        }
        assertSame(CnnLossLayer.class, layerClass(conf, "msep"));
        assertSame(segLoss, ((CnnLossLayer) ((LayerVertex) conf.getVertices().get("seg")).getLayerConf().getLayer())
                .getLossFn(), "the loss object itself is kept (weights are set on it)");
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertSame(LeanLoss.class, layerClass(back, "seg"));
        assertEquals(conf.toJson(), back.toJson());

        System.setProperty(LeanLayers.LOSS_PROPERTY, "dl4j");
        try {
            ComputationGraphConfiguration off = conf(DataType.FLOAT, new Adam(1e-2));
            assertEquals(0, LeanLayers.apply(off).losses());
            assertSame(CnnLossLayer.class, layerClass(off, "seg"));
        } finally {
            System.clearProperty(LeanLayers.LOSS_PROPERTY);
        }
    }

    @Test
    void sameScoresGradientsOutputsAndTrainingAsDl4jsLossLayer() {
        ComputationGraph plain = graph(conf(DataType.FLOAT, new Adam(1e-2)));
        ComputationGraphConfiguration leanConf = conf(DataType.FLOAT, new Adam(1e-2));
        LeanLayers.apply(leanConf);
        ComputationGraph lean = graph(leanConf);
        lean.setParams(plain.params().dup());
        MultiDataSet data = batch(DataType.FLOAT, 3);

        // 1e-4: the kernels compute each element in double, DL4J's losses in float; a bias gradient is a sum with
        // cancellation (measured 1.8e-5 for the balanced BCE's). kernelsEqualTheLossesOnTwoDimensionalRows holds the
        // kernels to 1e-12 in double.
        GraphComparisons.assertSameGradients(gradient(plain, data), gradient(lean, data), 1e-4);
        assertEquals(plain.score(), lean.score(), 1e-6 * Math.abs(plain.score()));
        for (String out : OUTPUTS) {
            double expected = plain.getLayer(out).score();
            assertEquals(expected, lean.getLayer(out).score(), 1e-6 * Math.abs(expected) + 1e-9, out + " score");
        }
        assertEquals(plain.score(data, false), lean.score(data, false), 1e-6 * Math.abs(plain.score()),
                "score without backprop");

        for (int step = 0; step < 3; step++) {
            plain.fit(copy(data));
            lean.fit(copy(data));
            assertEquals(plain.score(), lean.score(), 1e-5 * Math.abs(plain.score()), "score at step " + step);
            INDArray[] a = plain.output(false, data.getFeatures(0).dup());
            INDArray[] b = lean.output(false, data.getFeatures(0).dup());
            for (int i = 0; i < a.length; i++) {
                GraphComparisons.assertClose(a[i], b[i], 1e-5, OUTPUTS[i] + " after step " + step);
            }
        }
        GraphComparisons.assertClose(plain.params(), lean.params(), 1e-5, "parameters after 3 steps");
    }

    @Test
    void passesTheDoublePrecisionGradientCheckWithLabelMasks() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf = conf(DataType.DOUBLE, new NoOp());
            LeanLayers.apply(conf);
            ComputationGraph g = graph(conf);
            MultiDataSet data = batch(DataType.DOUBLE, 8);
            boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(g)
                    .inputs(data.getFeatures())
                    .labels(data.getLabels())
                    .labelMask(data.getLabelsMaskArrays())
                    .epsilon(1e-6)
                    .maxRelError(1e-5)
                    .minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                    .exitOnFirstError(false));
            assertTrue(passed);
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void kernelsEqualTheLossesOnTwoDimensionalRows() {
        MultiDataSet data = batch(DataType.DOUBLE, 21);
        Nd4j.getRandom().setSeed(22);
        Object[][] cases = {
            {new PixelCrossEntropy(0.8, H * W), Activation.SOFTMAX, 0},
            {new MaskedL1(0.7, H * W), Activation.IDENTITY, 1},
            {new MaskedL1(0.5, H * W), Activation.IDENTITY, 2},
            {new MaskedL1(0.3, H * W), Activation.TANH, 3},
            {new BalancedBinaryCrossEntropy(0.9, H * W, BalancedBinaryCrossEntropy.AUTO), Activation.SIGMOID, 4},
            {new BalancedBinaryCrossEntropy(0.9, H * W, 0.95), Activation.SIGMOID, 4},
            {new BalancedBinaryCrossEntropy(0.6, H * W, BalancedBinaryCrossEntropy.AUTO), Activation.SIGMOID, 5},
        };
        for (Object[] c : cases) {
            org.hirmtl.api.loss.PixelLoss loss = (org.hirmtl.api.loss.PixelLoss) c[0];
            var act = ((Activation) c[1]).getActivationFunction();
            INDArray y = data.getLabels((int) c[2]);
            INDArray mask = data.getLabelsMaskArray((int) c[2]);
            INDArray z = Nd4j.randn(DataType.DOUBLE, y.shape());
            INDArray z2 = z.permute(0, 2, 3, 1).dup('c').reshape('c', -1, y.size(1));
            INDArray y2 = y.permute(0, 2, 3, 1).dup('c').reshape('c', -1, y.size(1));
            INDArray m2 = mask == null ? null : mask.permute(0, 2, 3, 1).dup('c').reshape('c', -1, 1);
            double expected = loss.computeScore(y2, z2.dup(), act, m2, false);
            INDArray g2 = loss.computeGradient(y2, z2.dup(), act, m2);
            INDArray expectedGrad = g2.reshape('c', y.size(0), H, W, y.size(1)).permute(0, 3, 1, 2);
            INDArray grad = Nd4j.createUninitialized(DataType.DOUBLE, y.shape(), 'c');
            INDArray zBefore = z.dup();
            double score = NchwLosses.compute(loss, act, z, y, mask, grad).orElseThrow();
            String what = loss.getClass().getSimpleName() + "/" + c[1];
            assertEquals(expected, score, 1e-12 * Math.abs(expected), what + " score");
            GraphComparisons.assertClose(expectedGrad, grad, 1e-12, what + " gradient");
            assertEquals(expected, NchwLosses.compute(loss, act, z, y, mask, null).orElseThrow(),
                    1e-12 * Math.abs(expected), what + " score alone");
            assertEquals(zBefore, z, what + " leaves its input alone");
            INDArray inPlace = z.dup();
            assertEquals(expected, NchwLosses.compute(loss, act, inPlace, y, mask, inPlace).orElseThrow(),
                    1e-12 * Math.abs(expected), what + " score in place");
            GraphComparisons.assertClose(expectedGrad, inPlace, 1e-12, what + " gradient in place");
            INDArray fOrder = Nd4j.createUninitialized(DataType.DOUBLE, y.shape(), 'f');
            double strided = NchwLosses.compute(loss, act, z.dup('f'), y.dup('f'), mask == null ? null
                    : mask.dup('f'), fOrder).orElseThrow();
            assertEquals(expected, strided, 1e-12 * Math.abs(expected), what + " score, F order");
            GraphComparisons.assertClose(expectedGrad, fOrder, 1e-12, what + " gradient, F order");
        }
    }

    @Test
    void chunksOfExamplesAddUpToTheBatch() {
        MultiDataSet data = batch(DataType.DOUBLE, 23);
        Object[][] cases = {
            {new PixelCrossEntropy(0.8, H * W), Activation.SOFTMAX, 0},
            {new MaskedL1(0.7, H * W), Activation.IDENTITY, 1},
            {new BalancedBinaryCrossEntropy(0.9, H * W, BalancedBinaryCrossEntropy.AUTO), Activation.SIGMOID, 4},
            {new BalancedBinaryCrossEntropy(0.9, H * W, 0.95), Activation.SIGMOID, 4},
        };
        for (Object[] c : cases) {
            var act = ((Activation) c[1]).getActivationFunction();
            INDArray y = data.getLabels((int) c[2]);
            INDArray mask = data.getLabelsMaskArray((int) c[2]);
            INDArray z = Nd4j.randn(DataType.DOUBLE, y.shape());
            INDArray expectedGrad = Nd4j.createUninitialized(DataType.DOUBLE, y.shape(), 'c');
            double expected = NchwLosses.compute(c[0], act, z, y, mask, expectedGrad).orElseThrow();
            NchwLosses.Chunked chunked = NchwLosses.chunked(c[0], act, y.shape(), y, mask).orElseThrow();
            double sum = 0;
            INDArray grad = Nd4j.createUninitialized(DataType.DOUBLE, y.shape(), 'c');
            for (long i = 0; i < y.size(0); i++) {
                INDArray zi = z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)).dup('c');
                sum += chunked.compute(i, zi, zi); // in place
                grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)).assign(zi);
            }
            String what = c[0].getClass().getSimpleName();
            assertEquals(expected, sum, 1e-12 * Math.abs(expected), what + " score");
            GraphComparisons.assertClose(expectedGrad, grad, 1e-12, what + " gradient");
        }
        var tanh = Activation.TANH.getActivationFunction();
        INDArray y = data.getLabels(1);
        assertTrue(NchwLosses.chunked(new MaskedL1(0.7, H * W), tanh, y.shape(), y, null).isEmpty(),
                "L1 through tanh: the loss object's own path");
    }

    @Test
    void leavesWhatItDoesNotKnowToDl4j() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 4, 3, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 4, 3, 3);
        IActivationHolder h = new IActivationHolder();
        assertTrue(NchwLosses.supports(new MaskedL1(1, 9), h.identity, z, y, null));
        assertFalse(NchwLosses.supports(new MaskedL1(1, 9), h.tanh, z, y, null), "4 channels through tanh");
        assertFalse(NchwLosses.supports(new MaskedL1(1, 9) { }, h.identity, z, y, null), "a subclass");
        assertFalse(NchwLosses.supports(new MaskedL1(1, 7), h.identity, z, y, null), "pixels per example");
        assertFalse(NchwLosses.supports(new PixelCrossEntropy(1, 9), h.identity, z, y, null), "softmax missing");
        assertFalse(NchwLosses.supports(new MaskedL1(1, 9), h.identity, z, y, Nd4j.ones(DataType.FLOAT, 2, 4, 3, 3)),
                "per-channel mask");
        assertTrue(NchwLosses.compute(new MaskedL1(1, 9), h.tanh, z, y, null, null).isEmpty());
    }

    private static final class IActivationHolder {
        final org.nd4j.linalg.activations.IActivation identity = Activation.IDENTITY.getActivationFunction();
        final org.nd4j.linalg.activations.IActivation tanh = Activation.TANH.getActivationFunction();
    }

    private static org.deeplearning4j.nn.gradient.Gradient gradient(ComputationGraph g, MultiDataSet data) {
        MultiDataSet d = copy(data);
        g.setInputs(d.getFeatures());
        g.setLabels(d.getLabels());
        g.setLayerMaskArrays(null, d.getLabelsMaskArrays());
        g.computeGradientAndScore();
        return g.gradient();
    }

    private static MultiDataSet copy(MultiDataSet d) {
        INDArray[] masks = d.getLabelsMaskArrays().clone();
        for (int i = 0; i < masks.length; i++) {
            masks[i] = masks[i] == null ? null : masks[i].dup();
        }
        INDArray[] labels = d.getLabels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i].dup();
        }
        return new MultiDataSet(new INDArray[] {d.getFeatures(0).dup()}, labels, null, masks);
    }
}
