package org.hirmtl.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.vertices.BilinearUpsampleVertex;
import org.hirmtl.model.vertices.ChannelL2NormalizeVertex;
import org.hirmtl.model.vertices.GatedExchangeVertex;
import org.hirmtl.model.vertices.ScaleSoftmaxFusionVertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** HirMTL's own vertices, each alone in a tiny graph: their ONNX hooks reproduce their DL4J forward passes. */
class CustomVerticesOnnxTest {
    private static final int H = 12;
    private static final int W = 14;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void scaleSoftmaxFusion(int scales) {
        HirMtlModel m = OnnxTesting.graph(H, W, (g, image) -> {
            List<Handle> in = new ArrayList<>();
            in.add(g.conv("logits", image, scales, 3, Activation.IDENTITY));
            for (int s = 0; s < scales; s++) {
                in.add(g.conv("f" + s, image, 4, 3, Activation.TANH));
            }
            return List.of(g.vertex("fused", new ScaleSoftmaxFusionVertex(scales), 4, 1, in.toArray(Handle[]::new)));
        });
        OnnxTesting.assertMatchesDl4j(m);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8})
    void bilinearUpsampleIsResize(int factor) {
        HirMtlModel m = OnnxTesting.graph(H, W, (g, image) -> List.of(g.vertex("up", new BilinearUpsampleVertex(factor),
                3, 1, g.conv("pre", image, 3, 3, Activation.TANH))));
        OnnxTesting.assertMatchesDl4j(m);
    }

    @Test
    void gatedExchange() {
        HirMtlModel m = OnnxTesting.graph(H, W, (g, image) -> {
            Handle gate = g.conv("gate", image, 4, 1, Activation.SIGMOID);
            Handle target = g.conv("target", image, 4, 3, Activation.IDENTITY);
            Handle source = g.conv("source", image, 4, 3, Activation.IDENTITY);
            return List.of(g.vertex("compare", new GatedExchangeVertex(), 8, 1, gate, target, source));
        });
        OnnxTesting.assertMatchesDl4j(m);
    }

    @Test
    void channelL2Normalize() {
        HirMtlModel m = OnnxTesting.graph(H, W, (g, image) -> List.of(
                g.vertex("unit", new ChannelL2NormalizeVertex(), 3, 1, g.conv("raw", image, 3, 3, Activation.TANH))));
        OnnxTesting.assertMatchesDl4j(m);
    }

    @Test
    void theHookAddsNoSerializedField() throws Exception {
        HirMtlModel m = OnnxTesting.graph(H, W, (g, image) -> {
            Handle a = g.conv("a", image, 2, 1, Activation.IDENTITY);
            Handle f = g.vertex("fused", new ScaleSoftmaxFusionVertex(2), 2, 1, a, a, a);
            Handle x = g.vertex("compare", new GatedExchangeVertex(), 4, 1, f, f, f);
            return List.of(g.vertex("unit", new ChannelL2NormalizeVertex(), 4, 1, x));
        });
        ComputationGraphConfiguration conf = m.graph().getConfiguration();
        String json = conf.toJson();
        assertFalse(json.toLowerCase().contains("onnx"), json);
        assertTrue(json.contains("numScales"), json);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(json));

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(m.graph(), saved, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(saved.toByteArray()), false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, H, W);
        assertEquals(m.graph().outputSingle(false, x), restored.outputSingle(false, x));
    }
}
