package org.hirmtl.model.vertices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link BilinearKernelInit}, kept to read checkpoints written before {@link BilinearUpsampleVertex}: such a graph
 * (nearest ×f + frozen depthwise filter, built here as those versions built it) still loads, computes half-pixel
 * bilinear in the interior, and keeps its filter frozen when training resumes.
 */
class BilinearKernelInitTest {
    /** The upsampling fragment as versions before {@code BilinearUpsampleVertex} wrote it into their configs. */
    static String legacyBilinear(ComputationGraphConfiguration.GraphBuilder graph, String name, String input,
            int channels, int factor) {
        String nearest = name + "/nearest";
        graph.addLayer(nearest, new Upsampling2D.Builder(factor).build(), input);
        int k = BilinearKernelInit.kernelSize(factor);
        DepthwiseConvolution2D.Builder builder = new DepthwiseConvolution2D.Builder(k, k).depthMultiplier(1)
                .convolutionMode(ConvolutionMode.Same).hasBias(false);
        builder.nIn(channels).nOut(channels).activation(Activation.IDENTITY)
                .weightInit(new BilinearKernelInit(factor)).updater(new NoOp()).l1(0).l2(0).weightDecay(0);
        DepthwiseConvolution2D filter = builder.build();
        graph.addLayer(name, new FrozenLayerWithBackprop(filter), nearest);
        filter.setRegularization(new ArrayList<>());
        filter.setRegularizationBias(new ArrayList<>());
        return name;
    }

    @Test
    void kernelsSumToOne() {
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, BilinearKernelInit.kernel1d(2), 0);
        assertArrayEquals(new double[] {1 / 8.0, 2 / 8.0, 2 / 8.0, 2 / 8.0, 1 / 8.0}, BilinearKernelInit.kernel1d(4),
                0);
        for (int s = 2; s <= 8; s++) {
            double sum = 0;
            for (double v : BilinearKernelInit.kernel1d(s)) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-15, "factor " + s);
            assertEquals(1, BilinearKernelInit.kernelSize(s) % 2, "odd kernel for factor " + s);
        }
        assertEquals(9, BilinearKernelInit.kernelSize(8));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8})
    void matchesHalfPixelBilinearInTheInterior(int factor) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(5, 6, 2));
        String up = legacyBilinear(b, "up", "in", 2, factor);
        assertEquals("up", up);
        ComputationGraph graph = new ComputationGraph(b.setOutputs(up).build());
        graph.init();

        Nd4j.getRandom().setSeed(factor);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 5, 6);
        INDArray out = graph.outputSingle(x);
        assertArrayEquals(new long[] {2, 2, 5 * factor, 6 * factor}, out.shape());

        int half = (BilinearKernelInit.kernelSize(factor) - 1) / 2;
        double maxDiff = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 2; c++) {
                for (int i = half; i < 5 * factor - half; i++) {
                    for (int j = half; j < 6 * factor - half; j++) {
                        double expected = bilinear(x, n, c, i, j, factor);
                        maxDiff = Math.max(maxDiff, Math.abs(expected - out.getDouble(n, c, i, j)));
                    }
                }
            }
        }
        assertTrue(maxDiff < 1e-6, "factor " + factor + ": max |difference| in the interior " + maxDiff);
    }

    @Test
    void filterNeverChangesInTraining() {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(5)
                .updater(new Adam(1e-2))
                .weightDecay(0.1, false)
                .l1(0.1)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 8, 2))
                .addLayer("pre", ScaleSoftmaxFusionVertexTest.conv(3, 2, Activation.TANH), "in");
        String up = legacyBilinear(b, "up", "pre", 2, 2);
        b.addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .build(), up).setOutputs("out");
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(b.build().toJson());
        assertTrue(conf.toJson().contains("\"org.hirmtl.model.vertices.BilinearKernelInit\""));

        // Rebuilt from its JSON, as when an old checkpoint is restored.
        assertFrozenWhileTraining(new ComputationGraph(conf));
    }

    @Test
    void weightInitHasAStableFormat() throws Exception {
        String stored = "{\"@class\":\"org.hirmtl.model.vertices.BilinearKernelInit\",\"factor\":4}";
        IWeightInit init = JsonMappers.getMapper().readValue(stored, IWeightInit.class);
        assertEquals(new BilinearKernelInit(4), init);
        String json = JsonMappers.getMapper().writeValueAsString(new BilinearKernelInit(8));
        assertTrue(json.contains("\"factor\" : 8"), json);
    }

    private static void assertFrozenWhileTraining(ComputationGraph graph) {
        graph.init();
        INDArray filterBefore = graph.getParam("up_W").dup();
        INDArray preBefore = graph.getParam("pre_W").dup();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 8);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 2, 12, 16);
        for (int i = 0; i < 3; i++) {
            graph.fit(new INDArray[] {x}, new INDArray[] {y});
        }
        assertEquals(filterBefore, graph.getParam("up_W"), "the bilinear filter must not change");
        assertNotEquals(preBefore, graph.getParam("pre_W"), "the layer before it trains (gradients flow through)");
    }

    /** PyTorch's bilinear, align_corners=False: half-pixel centres, source index clamped at 0 and n-1. */
    private static double bilinear(INDArray x, int n, int c, int i, int j, int factor) {
        int rows = (int) x.size(2);
        int cols = (int) x.size(3);
        double[] r = weights(i, factor, rows);
        double[] q = weights(j, factor, cols);
        int r0 = (int) r[0];
        int r1 = (int) r[1];
        int q0 = (int) q[0];
        int q1 = (int) q[1];
        return (1 - r[2]) * ((1 - q[2]) * x.getDouble(n, c, r0, q0) + q[2] * x.getDouble(n, c, r0, q1))
                + r[2] * ((1 - q[2]) * x.getDouble(n, c, r1, q0) + q[2] * x.getDouble(n, c, r1, q1));
    }

    /** {lower index, upper index, weight of the upper} for output index {@code dst}. */
    private static double[] weights(int dst, int factor, int size) {
        double src = Math.max(0, (dst + 0.5) / factor - 0.5);
        int lower = (int) Math.floor(src);
        int upper = Math.min(lower + 1, size - 1);
        return new double[] {lower, upper, src - lower};
    }
}
