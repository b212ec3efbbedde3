package org.hirmtl.model.vertices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BilinearUpsampleVertex}: equal to PyTorch's {@code interpolate(bilinear, align_corners=False)} including the
 * borders (golden values written by {@code bench/bilinear_golden.py}), backward is the adjoint, gradient check in
 * double, shapes, save/load.
 */
class BilinearUpsampleVertexTest {
    private static final Logger LOG = LoggerFactory.getLogger(BilinearUpsampleVertexTest.class);

    @AfterEach
    void restoreDefaultType() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** The vertex alone: input → upsample → output. */
    static ComputationGraph bare(DataType type, int factor) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(type)
                .graphBuilder().addInputs("x").addVertex("up", new BilinearUpsampleVertex(factor), "x")
                .setOutputs("up").build());
        graph.init();
        return graph;
    }

    @Test
    void equalsPyTorchIncludingTheBorders() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/bilinear_torch.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        long[] shape = longs(golden.get("input_shape"));
        INDArray x = Nd4j.create(doubles(golden.get("input")), shape, 'c');
        for (JsonNode c : golden.get("cases")) {
            int f = c.get("factor").asInt();
            long[] outShape = {shape[0], shape[1], shape[2] * f, shape[3] * f};
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                double tol = type == DataType.DOUBLE ? 1e-12 : 1e-5;
                ComputationGraph graph = bare(type, f);
                INDArray out = graph.outputSingle(x.castTo(type));
                INDArray expected = Nd4j.create(doubles(c.get("output")), outShape, 'c');
                assertEquals(0, out.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue(), tol,
                        "factor " + f + " " + type + ": forward vs PyTorch");

                INDArray e = Nd4j.create(doubles(c.get("gradient_in")), outShape, 'c');
                INDArray dx = backward(graph, x.castTo(type), e.castTo(type));
                INDArray expectedDx = Nd4j.create(doubles(c.get("gradient_out")), shape, 'c');
                assertEquals(0, dx.castTo(DataType.DOUBLE).sub(expectedDx).amaxNumber().doubleValue(), tol * 10,
                        "factor " + f + " " + type + ": input gradient vs PyTorch autograd");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8})
    void bordersAreNotAttenuated(int f) {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 2, 3, 4, 5);
        INDArray out = bare(DataType.FLOAT, f).outputSingle(ones);
        assertEquals(0, out.sub(1.0).amaxNumber().doubleValue(), 1e-6, "a constant image stays constant");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void backwardIsTheAdjoint(int f) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(f);
        ComputationGraph graph = bare(DataType.DOUBLE, f);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 2, 5, 7);
        INDArray e = Nd4j.randn(DataType.DOUBLE, 3, 2, 5 * f, 7 * f);
        INDArray ax = graph.outputSingle(x.dup());
        INDArray ate = backward(graph, x, e);
        double left = ax.mul(e).sumNumber().doubleValue();
        double right = x.mul(ate).sumNumber().doubleValue();
        assertEquals(left, right, 1e-10 * Math.max(1, Math.abs(left)), "<A x, e> = <x, A^T e>");
    }

    @Test
    void passesGradientCheckInDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph graph = new ComputationGraph(convSandwich(DataType.DOUBLE, 2));
        graph.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 4).subi(0.5).muli(2);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 8).subi(0.5);
        GradientChecks.Result r = GradientChecks.check(graph, new INDArray[] {x}, new INDArray[] {y});
        LOG.info("BilinearUpsampleVertex gradient check: passed={}, max relative error {}", r.passed(),
                r.maxRelError());
        assertTrue(r.passed(), "gradient check, max relative error " + r.maxRelError());
    }

    @Test
    void reportsItsOutputTypeAndRejectsNonImages() {
        InputType out = new BilinearUpsampleVertex(4).getOutputType(-1, InputType.convolutional(3, 5, 7));
        assertEquals(InputType.convolutional(12, 20, 7), out);
        Exception e = assertThrows(Exception.class,
                () -> new BilinearUpsampleVertex(2).getOutputType(-1, InputType.feedForward(4)));
        assertTrue(e.getMessage().contains("BilinearUpsampleVertex"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BilinearUpsampleVertex(1));
    }

    @Test
    void survivesJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration conf = convSandwich(DataType.FLOAT, 4);
        String json = conf.toJson();
        assertTrue(json.contains("\"org.hirmtl.model.vertices.BilinearUpsampleVertex\""), json);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(json));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        File file = dir.resolve("up.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 3, 4);
        assertEquals(graph.outputSingle(x.dup()), restored.outputSingle(x.dup()));
    }

    @Test
    void readsTheStoredFormat() throws Exception {
        String stored = "{\"@class\":\"org.hirmtl.model.vertices.BilinearUpsampleVertex\",\"factor\":8}";
        GraphVertex v = JsonMappers.getMapper().readValue(stored, GraphVertex.class);
        assertEquals(new BilinearUpsampleVertex(8), v);
        assertTrue(JsonMappers.getMapper().writeValueAsString(v).contains("\"factor\" : 8"));
    }

    /** in (3×4) → 1×1 conv → upsample ×f → 3×3 conv → MSE per pixel. */
    static ComputationGraphConfiguration convSandwich(DataType type, int f) {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(type)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(3, 4, 2))
                .addLayer("pre", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(), "in")
                .addVertex("up", new BilinearUpsampleVertex(f), "pre")
                .addLayer("post", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).build(),
                        "up")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "post")
                .setOutputs("out")
                .build();
    }

    /** The vertex's input gradient for output gradient {@code e}, outside any workspace. */
    static INDArray backward(ComputationGraph graph, INDArray x, INDArray e) {
        org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertex("up");
        v.setInputs(x);
        v.doForward(true, LayerWorkspaceMgr.noWorkspaces());
        v.setEpsilon(e);
        Pair<Gradient, INDArray[]> r = v.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
        return r.getSecond()[0];
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    private static long[] longs(JsonNode array) {
        long[] d = new long[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asLong();
        }
        return d;
    }
}
