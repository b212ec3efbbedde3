package org.hirmtl.task.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
import org.deeplearning4j.nn.weights.WeightInit;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The losses inside a real graph: input [2,3,6,8] → 3x3 conv (tanh) → CnnLossLayer with a [2,1,6,8] label mask,
 * checked with DL4J's {@link GradientCheckUtil} in double precision, plus the JSON round trip of the configuration
 * and the task weight taking effect on a built graph.
 */
class PixelLossGraphTest {
    private static final int H = 6;
    private static final int W = 8;

    @BeforeEach
    void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(7);
    }

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static ComputationGraphConfiguration conf(PixelLoss loss, int channels, Activation activation) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(H, W, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(channels)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build(), "in")
                .addLayer("loss", new CnnLossLayer.Builder(loss).activation(activation).build(), "conv")
                .setOutputs("loss").build();
    }

    private static ComputationGraph graph(PixelLoss loss, int channels, Activation activation) {
        ComputationGraph g = new ComputationGraph(conf(loss, channels, activation));
        g.init();
        return g;
    }

    private static INDArray mask() {
        return Nd4j.rand(DataType.DOUBLE, 2, 1, H, W).gt(0.3).castTo(DataType.DOUBLE);
    }

    private static INDArray oneHotLabels(int classes) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, classes, H, W);
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    labels.putScalar(new long[] {n, (n + 3L * y + x) % classes, y, x}, 1.0);
                }
            }
        }
        return labels;
    }

    private static void assertGradientsPass(PixelLoss loss, int channels, Activation act, INDArray labels) {
        ComputationGraph g = graph(loss, channels, act);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {Nd4j.randn(DataType.DOUBLE, 2, 3, H, W)})
                .labels(new INDArray[] {labels}).labelMask(new INDArray[] {mask()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-10).exitOnFirstError(false));
        assertTrue(ok, "GradientCheckUtil failed for " + loss);
    }

    @Test
    void crossEntropyPassesGradientCheck() {
        assertGradientsPass(new PixelCrossEntropy(1.5, H * W), 4, Activation.SOFTMAX, oneHotLabels(4));
    }

    @Test
    void maskedL1PassesGradientCheck() {
        assertGradientsPass(new MaskedL1(10, H * W), 3, Activation.IDENTITY, Nd4j.randn(DataType.DOUBLE, 2, 3, H, W));
    }

    @Test
    void balancedBinaryCrossEntropyPassesGradientCheck() {
        INDArray edges = Nd4j.rand(DataType.DOUBLE, 2, 1, H, W).gt(0.8).castTo(DataType.DOUBLE);
        assertGradientsPass(new BalancedBinaryCrossEntropy(50, H * W, 0.95), 1, Activation.SIGMOID, edges);
        assertGradientsPass(new BalancedBinaryCrossEntropy(5, H * W, BalancedBinaryCrossEntropy.AUTO), 1,
                Activation.SIGMOID, edges);
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        for (PixelLoss loss : new PixelLoss[] {new PixelCrossEntropy(1.5, 48), new MaskedL1(10, 48),
            new BalancedBinaryCrossEntropy(50, 48, 0.95), new BalancedBinaryCrossEntropy(5, 48, -1)}) {
            ComputationGraphConfiguration conf = conf(loss, 1, Activation.SIGMOID);
            String json = conf.toJson();
            ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
            assertEquals(conf, back, json);
            assertTrue(json.contains("\"@class\" : \"" + loss.getClass().getName() + "\""), json);
            assertFalse(json.contains("autoPositiveWeight"), "only fields are stored");
            PixelLoss restored = lossOf(back);
            assertNotSame(loss, restored);
            assertEquals(loss, restored);
            assertEquals(loss.getWeight(), restored.getWeight());
            assertEquals(48, restored.getPixelsPerExample());
            assertEquals(loss.toString(), restored.toString());
            assertEquals(loss.hashCode(), restored.hashCode());
        }
    }

    @Test
    void weightSetOnTheBuiltGraphScalesItsScore() {
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, 3, H, W);
        INDArray labels = oneHotLabels(4);
        INDArray mask = mask();
        MultiDataSet batch = new MultiDataSet(new INDArray[] {in}, new INDArray[] {labels}, null,
                new INDArray[] {mask});
        ComputationGraph g = graph(new PixelCrossEntropy(1, H * W), 4, Activation.SOFTMAX);
        double before = g.score(batch);
        PixelLoss live = (PixelLoss) ((CnnLossLayer) g.getLayer("loss").conf().getLayer()).getLossFn();
        live.setWeight(3);
        double after = g.score(batch);
        assertEquals(3 * before, after, 1e-10);

        INDArray labels2d = labels.permute(0, 2, 3, 1).reshape(2L * H * W, 4);
        INDArray out2d = g.outputSingle(in).permute(0, 2, 3, 1).reshape(2L * H * W, 4);
        INDArray mask2d = mask.reshape(2L * H * W, 1);
        double sum = Transforms.log(out2d, true).muli(labels2d).sum(true, 1).muli(mask2d).sumNumber().doubleValue();
        assertEquals(3 * -sum / mask2d.sumNumber().doubleValue(), after, 1e-10,
                "the graph reports weight x mean over valid pixels");
    }

    private static PixelLoss lossOf(ComputationGraphConfiguration conf) {
        LayerVertex v = (LayerVertex) conf.getVertices().get("loss");
        return (PixelLoss) ((CnnLossLayer) v.getLayerConf().getLayer()).getLossFn();
    }
}
