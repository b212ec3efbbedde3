package org.hirmtl.model.vertices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.engine.CacheModes;
import org.hirmtl.engine.GraphComparisons;
import org.hirmtl.engine.layers.LeanLayers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * {@link UpsampledLoss} against the graph it replaces — a {@link BilinearUpsampleVertex} followed by DL4J's
 * {@code CnnLossLayer} — on logits at stride 2 and 4: the same gradients, scores (per output, with and without
 * backprop, per example), outputs and 3 training steps, for the built-in losses (semseg cross-entropy with ignored
 * pixels, depth L1 with a mask, balanced BCE) and for losses that take DL4J's own code (an L1 through tanh on three
 * channels, DL4J's MSE); the double-precision gradient check; the JSON round trip.
 */
class UpsampledLossTest {
    private static final int H = 8;
    private static final int W = 12;
    private static final String[] OUTPUTS = {"seg", "dep", "edg", "tnrm", "msep"};

    private record Head(String name, int channels, int factor, ILossFunction loss, Activation act) {
    }

    private static Head[] heads() {
        int pixels = H * W;
        return new Head[] {
            new Head("seg", 5, 2, new PixelCrossEntropy(1.0, pixels), Activation.SOFTMAX),
            new Head("dep", 1, 4, new MaskedL1(0.5, pixels), Activation.IDENTITY),
            new Head("edg", 1, 2, new BalancedBinaryCrossEntropy(0.9, pixels, BalancedBinaryCrossEntropy.AUTO),
                    Activation.SIGMOID),
            new Head("tnrm", 3, 4, new MaskedL1(0.3, pixels), Activation.TANH),
            new Head("msep", 2, 2, new LossMSE(), Activation.IDENTITY),
        };
    }

    /** A trunk at stride 2 and 4, a 1×1 head per output, then either the fused layer or vertex + DL4J's layer. */
    static ComputationGraphConfiguration conf(DataType type, IUpdater updater, boolean fused) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(type)
                .updater(updater)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(H, W, 3))
                .addLayer("s2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).activation(Activation.TANH)
                        .build(), "in")
                .addLayer("s4", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).activation(Activation.TANH)
                        .build(), "s2");
        for (Head h : heads()) {
            String trunk = h.factor() == 2 ? "s2" : "s4";
            b.addLayer(h.name() + "_z", new ConvolutionLayer.Builder(1, 1).nOut(h.channels())
                    .activation(Activation.IDENTITY).build(), trunk);
            if (fused) {
                b.addLayer(h.name(), new UpsampledLoss(h.factor(), h.loss(), h.act().getActivationFunction()),
                        h.name() + "_z");
            } else {
                b.addVertex(h.name() + "_up", new BilinearUpsampleVertex(h.factor()), h.name() + "_z");
                b.addLayer(h.name(), new CnnLossLayer.Builder().lossFunction(h.loss()).activation(h.act()).build(),
                        h.name() + "_up");
            }
        }
        return b.setOutputs(OUTPUTS).build();
    }

    private static ComputationGraph graph(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        CacheModes.apply(g);
        return g;
    }

    /** Full-resolution labels and masks: one-hot semseg with ignored (all-zero, masked) pixels, etc. */
    static MultiDataSet batch(DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        int n = 2;
        INDArray x = Nd4j.rand(type, n, 3, H, W).subi(0.5);
        INDArray mask = Nd4j.rand(type, n, 1, H, W).gt(0.25).castTo(type);
        INDArray seg = GraphComparisons.oneHot(mask, 5);
        INDArray dep = Nd4j.rand(type, n, 1, H, W).muli(3);
        INDArray edg = Nd4j.rand(type, n, 1, H, W).gt(0.7).castTo(type);
        INDArray tnrm = Nd4j.rand(type, n, 3, H, W).subi(0.5);
        INDArray msep = Nd4j.rand(type, n, 2, H, W);
        INDArray[] labels = {seg, dep, edg, tnrm, msep};
        INDArray[] masks = {mask, mask.dup(), mask.dup(), null, null};
        return new MultiDataSet(new INDArray[] {x}, labels, null, masks);
    }

    /** The same parameters in both graphs, layer by layer (their vertex orders differ). */
    private static void copyParams(ComputationGraph from, ComputationGraph to) {
        for (org.deeplearning4j.nn.api.Layer l : from.getLayers()) {
            if (l.numParams() > 0) {
                to.getLayer(l.conf().getLayer().getLayerName()).setParams(l.params().dup());
            }
        }
    }

    private static void assertSameParams(ComputationGraph expected, ComputationGraph actual, double tol, String what) {
        for (org.deeplearning4j.nn.api.Layer l : expected.getLayers()) {
            if (l.numParams() > 0) {
                String name = l.conf().getLayer().getLayerName();
                GraphComparisons.assertClose(l.params(), actual.getLayer(name).params(), tol, what + " " + name);
            }
        }
    }

    @Test
    void sameScoresGradientsOutputsAndTrainingAsTheUpsamplingVertexAndDl4jsLossLayer() {
        sameAsTheUpsamplingVertexAndDl4jsLossLayer();
    }

    /** The same with the cross-entropy's batch split into chunks of one example (a full-size batch's case). */
    @Test
    void sameWhenTheLossGoesOneExampleAtATime() {
        UpsampledLossImpl.chunkBytes = 1;
        try {
            sameAsTheUpsamplingVertexAndDl4jsLossLayer();
        } finally {
            UpsampledLossImpl.chunkBytes = UpsampledLossImpl.CHUNK_BYTES;
        }
    }

    private static void sameAsTheUpsamplingVertexAndDl4jsLossLayer() {
        ComputationGraph ref = graph(conf(DataType.FLOAT, new Adam(1e-2), false));
        ComputationGraph fused = graph(conf(DataType.FLOAT, new Adam(1e-2), true));
        copyParams(ref, fused);
        MultiDataSet data = batch(DataType.FLOAT, 3);

        GraphComparisons.assertSameGradients(gradient(ref, data), gradient(fused, data), 1e-5);
        assertEquals(ref.score(), fused.score(), 1e-6 * Math.abs(ref.score()));
        for (String out : OUTPUTS) {
            double expected = ref.getLayer(out).score();
            assertEquals(expected, fused.getLayer(out).score(), 1e-6 * Math.abs(expected) + 1e-9, out + " score");
        }
        assertEquals(ref.score(copy(data), false), fused.score(copy(data), false), 1e-6 * Math.abs(ref.score()),
                "score without backprop");
        GraphComparisons.assertClose(ref.scoreExamples(copy(data), false), fused.scoreExamples(copy(data), false),
                1e-6, "scores per example");

        for (int step = 0; step < 3; step++) {
            ref.fit(copy(data));
            fused.fit(copy(data));
            assertEquals(ref.score(), fused.score(), 1e-5 * Math.abs(ref.score()), "score at step " + step);
            INDArray[] a = ref.output(false, data.getFeatures(0).dup());
            INDArray[] b = fused.output(false, data.getFeatures(0).dup());
            for (int i = 0; i < a.length; i++) {
                assertEquals(java.util.Arrays.toString(a[i].shape()), java.util.Arrays.toString(b[i].shape()));
                GraphComparisons.assertClose(a[i], b[i], 1e-5, OUTPUTS[i] + " after step " + step);
            }
        }
        assertSameParams(ref, fused, 1e-5, "parameters after 3 steps:");
    }

    @Test
    void passesTheDoublePrecisionGradientCheckWithLabelMasks() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraph g = graph(conf(DataType.DOUBLE, new NoOp(), true));
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
    void survivesJsonAndIsLeftAloneByTheLeanLayers() {
        ComputationGraphConfiguration conf = conf(DataType.FLOAT, new Adam(1e-2), true);
        assertEquals(0, LeanLayers.apply(conf).losses(), "already computes on NCHW arrays");
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        UpsampledLoss seg = (UpsampledLoss) ((LayerVertex) back.getVertices().get("seg")).getLayerConf().getLayer();
        UpsampledLoss dep = (UpsampledLoss) ((LayerVertex) back.getVertices().get("dep")).getLayerConf().getLayer();
        assertEquals(2, seg.getFactor());
        assertEquals(4, dep.getFactor());
        assertSame(PixelCrossEntropy.class, seg.getLossFn().getClass());
        assertEquals(conf.toJson(), back.toJson());
        assertEquals(conf, back);
        InputType out = seg.getOutputType(0, InputType.convolutional(4, 6, 5));
        assertEquals(InputType.convolutional(8, 12, 5), out);
        assertThrows(IllegalArgumentException.class, () -> new UpsampledLoss(1, new LossMSE(),
                Activation.IDENTITY.getActivationFunction()));
    }

    private static Gradient gradient(ComputationGraph g, MultiDataSet data) {
        MultiDataSet d = copy(data);
        g.setInputs(d.getFeatures());
        g.setLabels(d.getLabels());
        g.setLayerMaskArrays(null, d.getLabelsMaskArrays());
        g.computeGradientAndScore();
        return g.gradient();
    }

    private static MultiDataSet copy(MultiDataSet d) {
        INDArray[] masks = d.getLabelsMaskArrays();
        INDArray[] m = new INDArray[masks.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = masks[i] == null ? null : masks[i].dup();
        }
        INDArray[] labels = new INDArray[d.getLabels().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = d.getLabels(i).dup();
        }
        return new MultiDataSet(new INDArray[] {d.getFeatures(0).dup()}, labels, null, m);
    }
}
