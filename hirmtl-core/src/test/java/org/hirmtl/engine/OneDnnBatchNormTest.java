package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link OneDnnBatchNorm}: batch norm with oneDNN's training primitives gives DL4J's gradients, the same parameters
 * and running statistics after 3 training steps with inference passes between them, and the same inference output.
 */
class OneDnnBatchNormTest {
    @Test
    void trainsAsDl4jsBatchNorm() {
        ComputationGraph dl4j = CacheModesTest.net();
        ComputationGraph onednn = CacheModesTest.net();
        onednn.setParams(dl4j.params().dup());
        int installed = 0;
        for (Layer l : onednn.getLayers()) {
            if (l instanceof BatchNormalization bn) {
                OneDnnBatchNorm.setHelper(bn, new OneDnnBatchNorm());
                installed++;
            }
        }
        assertEquals(1, installed);
        assertInstanceOf(OneDnnBatchNorm.class, ((BatchNormalization) onednn.getLayer("bn")).getHelper());

        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 16, 20).muli(2).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 3, 8, 10);
        GraphComparisons.assertSameGradients(GraphComparisons.gradient(dl4j, x, y),
                GraphComparisons.gradient(onednn, x, y), 1e-4);
        for (int step = 0; step < 3; step++) {
            INDArray xi = x.mul(step + 1);
            dl4j.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            onednn.fit(new INDArray[] {xi.dup()}, new INDArray[] {y.dup()});
            GraphComparisons.assertClose(dl4j.output(false, x.dup())[0], onednn.output(false, x.dup())[0], 1e-4,
                    "inference output after step " + step);
        }
        GraphComparisons.assertClose(dl4j.params(), onednn.params(), 1e-4,
                "parameters (incl. running mean and log10 std) after 3 steps");
        GraphComparisons.assertClose(dl4j.getLayer("bn").getParam("mean"), onednn.getLayer("bn").getParam("mean"),
                1e-5, "running mean");
    }

    @Test
    void isOnByDefaultOnTheCpuAndOffWithDl4j() {
        String before = System.getProperty(OneDnnBatchNorm.PROPERTY);
        try {
            System.clearProperty(OneDnnBatchNorm.PROPERTY);
            assertEquals(1, OneDnnBatchNorm.install(CacheModesTest.net()));
            System.setProperty(OneDnnBatchNorm.PROPERTY, "dl4j");
            assertEquals(0, OneDnnBatchNorm.install(CacheModesTest.net()));
        } finally {
            if (before == null) {
                System.clearProperty(OneDnnBatchNorm.PROPERTY);
            } else {
                System.setProperty(OneDnnBatchNorm.PROPERTY, before);
            }
        }
    }
}
