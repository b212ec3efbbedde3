package org.hirmtl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.config.WeightingConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.api.vertex.ParameterFreeVertex;
import org.hirmtl.api.vertex.ParameterFreeVertexImpl;
import org.hirmtl.model.fusion.MeanFusion;
import org.hirmtl.model.vertices.GatedExchangeVertex;
import org.hirmtl.task.depth.DepthTask;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;


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

    /**
     * Multiplies its input by a factor: a vertex with a setting, written with the API's base classes; its gradient
     * is right, and save/load keeps the setting.
     */
    public static final class Scale extends ParameterFreeVertex {
        private static final long serialVersionUID = 1L;
        @JsonProperty("factor")
        private double factor;
        @JsonProperty("doubleTheGradient")
        private boolean doubleTheGradient;

        /** For DL4J's JSON. */
        public Scale() {
        }

        Scale(double factor, boolean doubleTheGradient) {
            this.factor = factor;
            this.doubleTheGradient = doubleTheGradient;
        }

        @Override
        protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int index, DataType type) {
            return new ParameterFreeVertexImpl(graph, name, index, type) {
                private static final long serialVersionUID = 1L;

                @Override
                public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
                    return mgr.dup(ArrayType.ACTIVATIONS, inputs[0]).muli(factor);
                }

                @Override
                public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
                    INDArray dx = mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon).muli(factor);
                    return new Pair<>(null, new INDArray[] {doubleTheGradient ? dx.muli(2) : dx});
                }
            };
        }
    }

    /** Identity forward, but a backward pass that doubles the gradient: the kit must catch it. */
    public static final class DoublingBackward extends ParameterFreeVertex {
        private static final long serialVersionUID = 1L;

        @Override
        protected ParameterFreeVertexImpl create(ComputationGraph graph, String name, int index, DataType type) {
            return new Scale(1.0, true).create(graph, name, index, type);
        }
    }

    @Test
    void baseClassVerticesCloneCompareAndSurviveSaveLoad() {
        Scale a = new Scale(0.5, false);
        assertEquals(a, a.clone());
        assertEquals(a.hashCode(), a.clone().hashCode());
        assertNotEquals(a, new Scale(0.25, false));
        ComponentContract.assertVertexGradients(a, 3);
    }

    /** A weighting whose weights forget a task after the first step. */
    static final class Forgetful implements ComponentProvider {
        @Override
        public String id() {
            return "forgetful";
        }

        @Override
        public void contribute(Registrar r) {
            r.weighting("forgetful", new WeightingFactory() {
                @Override
                public String name() {
                    return "forgetful";
                }

                @Override
                public TaskWeighting create(List<String> tasks, Map<String, Double> base, WeightingConfig c) {
                    return new TaskWeighting() {
                        private boolean stepped;

                        @Override
                        public Map<String, Double> weights() {
                            return stepped ? Map.of(tasks.get(0), 1.0) : base;
                        }

                        @Override
                        public void afterStep(Map<String, Double> losses) {
                            stepped = true;
                        }

                        @Override
                        public Map<String, double[]> state() {
                            return Map.of();
                        }

                        @Override
                        public void restore(Map<String, double[]> state) {
                        }
                    };
                }
            });
        }
    }

    @Test
    void aWeightingThatLosesATaskFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ComponentContract.assertModelContract(new Forgetful(), "train.weighting.type=forgetful"));
        assertTrue(e.getMessage().contains("weighting 'forgetful': one weight per task after a step"),
                e.getMessage());
    }

    /** A task derived from depth whose derived target has the wrong size. */
    static final class BadDerived implements ComponentProvider {
        @Override
        public String id() {
            return "bad-derived";
        }

        @Override
        public void contribute(Registrar r) {
            DepthTask depth = new DepthTask();
            r.task("halfdepth", new TaskProvider() {
                @Override
                public String name() {
                    return "halfdepth";
                }

                @Override
                public TargetKind targetKind() {
                    return depth.targetKind();
                }

                @Override
                public int outputChannels(TaskConfig config) {
                    return 1;
                }

                @Override
                public Activation activation() {
                    return depth.activation();
                }

                @Override
                public PixelLoss loss(TaskConfig config) {
                    return new MaskedL1(1.0, 1);
                }

                @Override
                public void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels,
                                         float[] mask) {
                    for (int i = 0; i < target.length; i++) {
                        labels[i] = target[i];
                        mask[i] = target[i] > 0 ? 1 : 0;
                    }
                }

                @Override
                public DenseMap decode(DenseMap activated) {
                    return activated;
                }

                @Override
                public DenseMetric metric(TaskConfig config, EvalConfig eval) {
                    return null;
                }

                @Override
                public String primaryMetric() {
                    return "rmse";
                }

                @Override
                public Set<String> derivedFrom() {
                    return Set.of("depth");
                }

                @Override
                public DenseMap deriveTarget(Map<String, DenseMap> sources, TaskConfig config) {
                    DenseMap d = sources.get("depth");
                    return DenseMap.zeros(1, d.height() / 2, d.width());
                }
            });
        }
    }

    @Test
    void aDerivedTargetOfTheWrongSizeFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ComponentContract.assertModelContract(
                new BadDerived(), "tasks={depth: 1.0, halfdepth: 1.0}"));
        assertTrue(e.getMessage().contains("deriveTarget of task 'halfdepth' keeps the size of its sources"),
                e.getMessage());
    }
}
