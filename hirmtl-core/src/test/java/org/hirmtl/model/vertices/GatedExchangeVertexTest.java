package org.hirmtl.model.vertices;

import static org.hirmtl.model.vertices.ScaleSoftmaxFusionVertexTest.assertArrayEquals;
import static org.hirmtl.model.vertices.ScaleSoftmaxFusionVertexTest.conv;
import static org.hirmtl.model.vertices.ScaleSoftmaxFusionVertexTest.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link GatedExchangeVertex}: gradients, forward values, shape errors, save/load. */
class GatedExchangeVertexTest {
    private static final Logger LOG = LoggerFactory.getLogger(GatedExchangeVertexTest.class);

    @AfterEach
    void restoreDefaultType() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** in -> G_t, G_u convs -> gate = sigmoid(conv([G_t; G_u])) -> exchange -> conv -> MSE per pixel; all 1x1. */
    static ComputationGraphConfiguration convSandwich(DataType type) {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(type)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 8, 2))
                .addLayer("gt", conv(1, 3, Activation.TANH), "in")
                .addLayer("gu", conv(1, 3, Activation.TANH), "in")
                .addVertex("pair", new MergeVertex(), "gt", "gu")
                .addLayer("gate", conv(1, 3, Activation.SIGMOID), "pair")
                .addVertex("exchange", new GatedExchangeVertex(), "gate", "gt", "gu")
                .addLayer("post", conv(1, 2, Activation.TANH), "exchange")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "post")
                .setOutputs("out")
                .build();
    }

    static ComputationGraph bare(DataType type) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(type)
                .graphBuilder()
                .addInputs("g", "gt", "gu")
                .addVertex("exchange", new GatedExchangeVertex(), "g", "gt", "gu")
                .setOutputs("exchange")
                .build());
        graph.init();
        return graph;
    }

    @Test
    void passesGradientCheckInDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph graph = new ComputationGraph(convSandwich(DataType.DOUBLE));
        graph.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 8).subi(0.5).muli(4);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 8).subi(0.5);
        GradientChecks.Result r = GradientChecks.check(graph, new INDArray[] {x}, new INDArray[] {y});
        LOG.info("GatedExchangeVertex gradient check: passed={}, max relative error {}", r.passed(), r.maxRelError());
        assertTrue(r.passed(), "gradient check, max relative error " + r.maxRelError());
    }

    @Test
    void forwardMatchesLoops() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(4);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 4);
        INDArray gt = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 4).subi(0.5);
        INDArray gu = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 4).subi(0.5);
        INDArray out = bare(DataType.DOUBLE).outputSingle(g, gt, gu);
        assertArrayEquals(reference(g, gt, gu), out, 1e-12);
    }

    @Test
    void rejectsMismatchedInputs() {
        var builder = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("g", "gt", "gu")
                .setInputTypes(InputType.convolutional(4, 4, 3), InputType.convolutional(4, 4, 3),
                        InputType.convolutional(4, 4, 2))
                .addVertex("exchange", new GatedExchangeVertex(), "g", "gt", "gu")
                .setOutputs("exchange");
        Exception e = assertThrows(Exception.class, builder::build);
        assertTrue(messages(e).contains("input 2 (source G_u) has 2 channels"), messages(e));

        ComputationGraph graph = bare(DataType.FLOAT);
        e = assertThrows(Exception.class, () -> graph.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 3, 4, 4),
                Nd4j.rand(DataType.FLOAT, 1, 3, 4, 5), Nd4j.rand(DataType.FLOAT, 1, 3, 4, 4)));
        assertTrue(messages(e).contains("input 1 (target G_t) has shape"), messages(e));
    }

    @Test
    void survivesJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration conf = convSandwich(DataType.FLOAT);
        String json = conf.toJson();
        assertTrue(json.contains("\"org.hirmtl.model.vertices.GatedExchangeVertex\""), json);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(json));

        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        File file = dir.resolve("exchange.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 8);
        assertEquals(graph.outputSingle(x.dup()), restored.outputSingle(x.dup()));
    }

    @Test
    void readsTheStoredFormat() throws Exception {
        String stored = "{\"@class\":\"org.hirmtl.model.vertices.GatedExchangeVertex\"}";
        GraphVertex v = JsonMappers.getMapper().readValue(stored, GraphVertex.class);
        assertEquals(new GatedExchangeVertex(), v);
    }

    /** [g * gu ; (1 - g) * (gu - gt)] along channels, with plain loops. */
    static INDArray reference(INDArray g, INDArray gt, INDArray gu) {
        long[] s = g.shape();
        INDArray out = Nd4j.create(DataType.DOUBLE, s[0], 2 * s[1], s[2], s[3]);
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int h = 0; h < s[2]; h++) {
                    for (int w = 0; w < s[3]; w++) {
                        double gate = g.getDouble(n, c, h, w);
                        double u = gu.getDouble(n, c, h, w);
                        double t = gt.getDouble(n, c, h, w);
                        out.putScalar(new long[] {n, c, h, w}, gate * u);
                        out.putScalar(new long[] {n, s[1] + c, h, w}, (1 - gate) * (u - t));
                    }
                }
            }
        }
        return out;
    }
}
