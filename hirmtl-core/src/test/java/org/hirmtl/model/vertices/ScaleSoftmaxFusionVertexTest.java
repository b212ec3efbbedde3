package org.hirmtl.model.vertices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
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

/** {@link ScaleSoftmaxFusionVertex}: gradients, forward values, numerical stability, shape errors, save/load. */
class ScaleSoftmaxFusionVertexTest {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleSoftmaxFusionVertexTest.class);
    private static final int S = 3;

    @AfterEach
    void restoreDefaultType() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /**
     * in -> (logits conv, S feature convs) -> fusion -> conv -> MSE per pixel. All 1x1 (the vertex works pixel by
     * pixel), which keeps the gradient check to a few seconds.
     */
    static ComputationGraphConfiguration convSandwich(DataType type, int channels) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(type)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(6, 8, 2));
        // Identity logits: larger, more varied softmax weights than tanh would give.
        b.addLayer("logits", conv(1, S, Activation.IDENTITY), "in");
        String[] fuseInputs = new String[S + 1];
        fuseInputs[0] = "logits";
        for (int s = 0; s < S; s++) {
            fuseInputs[s + 1] = "f" + s;
            b.addLayer(fuseInputs[s + 1], conv(1, channels, Activation.TANH), "in");
        }
        b.addVertex("fuse", new ScaleSoftmaxFusionVertex(S), fuseInputs);
        b.addLayer("post", conv(1, 2, Activation.TANH), "fuse");
        b.addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .build(), "post");
        return b.setOutputs("out").build();
    }

    static ConvolutionLayer conv(int kernel, int nOut, Activation activation) {
        return new ConvolutionLayer.Builder(kernel, kernel).nOut(nOut).activation(activation).build();
    }

    /** A graph whose inputs feed the vertex directly and whose output is the vertex. */
    static ComputationGraph bare(DataType type, int numScales) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(type)
                .graphBuilder();
        String[] names = new String[numScales + 1];
        names[0] = "a";
        for (int s = 0; s < numScales; s++) {
            names[s + 1] = "f" + s;
        }
        b.addInputs(names).addVertex("fuse", new ScaleSoftmaxFusionVertex(numScales), names).setOutputs("fuse");
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        return graph;
    }

    @Test
    void passesGradientCheckInDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph graph = new ComputationGraph(convSandwich(DataType.DOUBLE, 3));
        graph.init();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 8).subi(0.5).muli(4);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 8).subi(0.5);
        GradientChecks.Result r = GradientChecks.check(graph, new INDArray[] {x}, new INDArray[] {y});
        LOG.info("ScaleSoftmaxFusionVertex gradient check: passed={}, max relative error {}", r.passed(),
                r.maxRelError());
        assertTrue(r.passed(), "gradient check, max relative error " + r.maxRelError());
    }

    @Test
    void forwardMatchesLoops() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(2);
        INDArray a = Nd4j.rand(DataType.DOUBLE, 2, S, 3, 4).subi(0.5).muli(6);
        INDArray[] f = new INDArray[S];
        for (int s = 0; s < S; s++) {
            f[s] = Nd4j.rand(DataType.DOUBLE, 2, 4, 3, 4).subi(0.5);
        }
        INDArray out = bare(DataType.DOUBLE, S).outputSingle(concat(a, f));
        assertArrayEquals(reference(a, f), out, 1e-12);
    }

    @Test
    void weightsSumToOneForHugeLogits() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.create(type, 2, S, 2, 3);
            a.assign(Nd4j.rand(type, 2, S, 2, 3).subi(0.5).muli(2000)); // up to +-1000
            a.putScalar(new long[] {0, 0, 0, 0}, 80);
            a.putScalar(new long[] {0, 1, 0, 0}, -80);
            a.putScalar(new long[] {0, 2, 0, 0}, 79);
            INDArray w = ScaleSoftmaxFusionVertexImpl.softmaxOverChannels(a);
            assertFalse(w.isNaN().any() || w.isInfinite().any(), type + ": no NaN or Inf");
            INDArray sums = w.sum(1);
            assertEquals(0, sums.sub(1.0).amaxNumber().doubleValue(), 1e-6, type + ": weights sum to 1");
            double e = Math.exp(-1);
            assertEquals(1 / (1 + e), w.getDouble(0, 0, 0, 0), 1e-6, type + ": softmax(80, -80, 79)[0]");

            INDArray[] ones = new INDArray[S];
            for (int s = 0; s < S; s++) {
                ones[s] = Nd4j.ones(type, 2, 5, 2, 3);
            }
            INDArray fused = bare(type, S).outputSingle(concat(a, ones));
            assertEquals(0, fused.sub(1.0).amaxNumber().doubleValue(), 1e-6, type + ": fusing ones gives ones");
        }
    }

    @Test
    void rejectsMismatchedInputs() {
        var twoFeatures = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("a", "f0", "f1")
                .setInputTypes(InputType.convolutional(4, 4, S), InputType.convolutional(4, 4, 2),
                        InputType.convolutional(4, 4, 2))
                .addVertex("fuse", new ScaleSoftmaxFusionVertex(S), "a", "f0", "f1")
                .setOutputs("fuse");
        Exception e = assertThrows(Exception.class, twoFeatures::build);
        assertTrue(messages(e).contains("expected 4 inputs"), messages(e));

        var wrongChannels = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("a", "f0", "f1", "f2")
                .setInputTypes(InputType.convolutional(4, 4, S), InputType.convolutional(4, 4, 2),
                        InputType.convolutional(4, 4, 3), InputType.convolutional(4, 4, 2))
                .addVertex("fuse", new ScaleSoftmaxFusionVertex(S), "a", "f0", "f1", "f2")
                .setOutputs("fuse");
        e = assertThrows(Exception.class, wrongChannels::build);
        assertTrue(messages(e).contains("same shape"), messages(e));

        ComputationGraph graph = bare(DataType.FLOAT, S);
        INDArray[] in = {Nd4j.rand(DataType.FLOAT, 1, 2, 3, 3), Nd4j.rand(DataType.FLOAT, 1, 2, 3, 3),
                Nd4j.rand(DataType.FLOAT, 1, 2, 3, 3), Nd4j.rand(DataType.FLOAT, 1, 2, 3, 3)};
        e = assertThrows(Exception.class, () -> graph.outputSingle(in));
        assertTrue(messages(e).contains("must have 3 channels"), messages(e));
    }

    @Test
    void survivesJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration conf = convSandwich(DataType.FLOAT, 3);
        String json = conf.toJson();
        assertTrue(json.contains("\"org.hirmtl.model.vertices.ScaleSoftmaxFusionVertex\""), json);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(json));

        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        File file = dir.resolve("fusion.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 8);
        assertEquals(graph.outputSingle(x.dup()), restored.outputSingle(x.dup()));
        assertEquals(conf, restored.getConfiguration());
    }

    @Test
    void readsTheStoredFormat() throws Exception {
        String stored = "{\"@class\":\"org.hirmtl.model.vertices.ScaleSoftmaxFusionVertex\",\"numScales\":4}";
        GraphVertex v = JsonMappers.getMapper().readValue(stored, GraphVertex.class);
        assertEquals(new ScaleSoftmaxFusionVertex(4), v);
        assertTrue(JsonMappers.getMapper().writeValueAsString(v).contains("\"numScales\" : 4"));
    }

    static INDArray[] concat(INDArray first, INDArray[] rest) {
        INDArray[] all = new INDArray[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** out[n,c,h,w] = sum_s exp(a[n,s,h,w]) / sum_t exp(a[n,t,h,w]) * f_s[n,c,h,w], with plain loops. */
    static INDArray reference(INDArray a, INDArray[] f) {
        long[] shape = f[0].shape();
        INDArray out = Nd4j.create(DataType.DOUBLE, shape);
        for (int n = 0; n < shape[0]; n++) {
            for (int h = 0; h < shape[2]; h++) {
                for (int w = 0; w < shape[3]; w++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < f.length; s++) {
                        max = Math.max(max, a.getDouble(n, s, h, w));
                    }
                    double[] e = new double[f.length];
                    double total = 0;
                    for (int s = 0; s < f.length; s++) {
                        e[s] = Math.exp(a.getDouble(n, s, h, w) - max);
                        total += e[s];
                    }
                    for (int c = 0; c < shape[1]; c++) {
                        double v = 0;
                        for (int s = 0; s < f.length; s++) {
                            v += e[s] / total * f[s].getDouble(n, c, h, w);
                        }
                        out.putScalar(new long[] {n, c, h, w}, v);
                    }
                }
            }
        }
        return out;
    }

    static void assertArrayEquals(INDArray expected, INDArray actual, double tolerance) {
        assertTrue(expected.equalShapes(actual), "shapes " + expected.shapeInfoToString() + " vs "
                + actual.shapeInfoToString());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance, "max |difference| " + diff + " > " + tolerance);
    }

    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
