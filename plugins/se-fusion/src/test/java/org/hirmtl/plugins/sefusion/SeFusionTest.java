package org.hirmtl.plugins.sefusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.testkit.ComponentContract;
import org.hirmtl.testkit.ContractModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SE fusion and its channel-gate vertex: forward values, gradients, and the toolkit's contract kit. */
class SeFusionTest {
    @Test
    void gateScalesEachChannelOfEachExample() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("x", "g").addVertex("gate", new ChannelGateVertex(), "x", "g")
                .setOutputs("gate").build());
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        INDArray gate = Nd4j.rand(DataType.DOUBLE, 2, 3, 1, 1);
        INDArray y = g.outputSingle(x, gate);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 4; h++) {
                    assertEquals(x.getDouble(n, c, h, 2) * gate.getDouble(n, c, 0, 0), y.getDouble(n, c, h, 2),
                            1e-12);
                }
            }
        }
    }

    @Test
    void gatePassesTheGradientCheck() {
        ComponentContract.assertVertexGradients(new ChannelGateVertex(), new int[][] {{4, 6, 8}, {4, 1, 1}});
    }

    @Test
    void keepsTheModelContract() {
        ContractModel m = ComponentContract.assertModelContract(new SeFusionPlugin(), "model.fusion.type=se");
        assertTrue(m.graph().getConfiguration().getVertices().containsKey("depth/fusion/se/apply"));
        double diff = ComponentContract.assertOnnxExportMatches(m);
        System.out.println("se fusion: ONNX Runtime vs DL4J max |diff| " + diff);
    }
}
