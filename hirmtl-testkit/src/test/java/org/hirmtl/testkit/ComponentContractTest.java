package org.hirmtl.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.model.fusion.MeanFusion;
import org.hirmtl.model.vertices.GatedExchangeVertex;
import org.hirmtl.registry.Components;
import org.hirmtl.task.depth.DepthTask;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;


/** The kit passes sound components and catches broken ones. */
class ComponentContractTest {
    /** Re-registers the built-in mean fusion under another name, as a plugin would register its own. */
    static final class MeanAgain implements ComponentProvider {
        @Override
        public String id() {
            return "kit-test";
        }

        @Override
        public void contribute(Registrar c) {
            c.fusion("mean2", new MeanFusion());
        }
    }

    @Test
    void soundComponentsPass() {
        ComponentContract.assertModelContract(new MeanAgain(), "model.fusion.type=mean2");
        ComponentContract.assertVertexGradients(new GatedExchangeVertex(), 3, 3, 3);
        DenseMap depth = new DenseMap(1, 3, 4, new float[] {1, 2, 3, 0, 1, 2, 3, 4, 2, 2, 2, 2});
        ComponentContract.assertTaskContract(new DepthTask(), new TaskConfig(1, Map.of()), depth);
    }

    @Test
    void aWrongBackwardFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ComponentContract.assertVertexGradients(new DoublingBackward(), 3));
        assertTrue(e.getMessage().contains("DoublingBackward fails the gradient check"), e.getMessage());
    }

    @Test
    void aWrongLossGradientFails() {
        MaskedL1 wrong = new MaskedL1(1.0, 1) {
            @Override
            public INDArray computeGradient(INDArray labels, INDArray preOutput,
                                            org.nd4j.linalg.activations.IActivation fn, INDArray mask) {
                return super.computeGradient(labels, preOutput, fn, mask).muli(1.5);
            }
        };
        float[] labels = {1, 2, 3, 4};
        float[] mask = {1, 1, 0, 1};
        assertThrows(AssertionError.class,
                () -> ComponentContract.assertLossGradients(wrong, Activation.IDENTITY, 1, labels, mask, 4));
        ComponentContract.assertLossGradients(new MaskedL1(1.0, 1), Activation.IDENTITY, 1, labels, mask, 4);
    }

    /** Identity forward, but a backward pass that doubles the gradient: the kit must catch it. */
    public static final class DoublingBackward extends GraphVertex {
        @Override
        public GraphVertex clone() {
            return new DoublingBackward();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DoublingBackward;
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public long numParams(boolean backprop) {
            return 0;
        }

        @Override
        public int minVertexInputs() {
            return 1;
        }

        @Override
        public int maxVertexInputs() {
            return 1;
        }

        @Override
        public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
                int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
            return new Impl(graph, name, idx, networkDatatype);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
            return vertexInputs[0];
        }

        @Override
        public MemoryReport getMemoryReport(InputType... inputTypes) {
            return null;
        }

        @SuppressWarnings("overrides")
        static final class Impl extends BaseGraphVertex {
            Impl(ComputationGraph graph, String name, int index, DataType dataType) {
                super(graph, name, index, null, null, dataType);
            }

            @Override
            public boolean hasLayer() {
                return false;
            }

            @Override
            public Layer getLayer() {
                return null;
            }

            @Override
            public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
                INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, inputs[0].shape(), 'c');
                return out.assign(inputs[0]);
            }

            @Override
            public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
                INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, epsilon.shape(), 'c');
                return new Pair<>(null, new INDArray[] {dx.assign(epsilon).muli(2)});
            }

            @Override
            public void setBackpropGradientsViewArray(INDArray view) {
            }

            @Override
            public String toString() {
                return "DoublingBackward";
            }

            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int n) {
                return new Pair<>(null, state);
            }
        }
    }
}
