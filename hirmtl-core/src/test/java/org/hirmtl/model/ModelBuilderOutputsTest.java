package org.hirmtl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.engine.layers.LeanLayers;
import org.hirmtl.engine.layers.LeanLoss;
import org.hirmtl.model.vertices.BilinearUpsampleVertex;
import org.hirmtl.model.vertices.UpsampledLoss;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output layers {@link ModelBuilder} gives each task: an {@link UpsampledLoss} reading the logits where the task's
 * finishing step is the identity (semseg, edges — final and deep-supervision outputs, each with its stride as
 * factor), an upsampling vertex, the finishing vertices and a loss layer otherwise (depth's offset, normals' L2
 * normalisation), and the old graph throughout under {@code -Dhirmtl.losses.upsample=graph}. Every output is at the
 * input resolution either way.
 */
class ModelBuilderOutputsTest {
    private static final List<String> TINY = List.of("data.image_size=32x32", "tasks=[semseg, depth, normals, edge]",
            "tasks.semseg.options.classes=5", "model.backbone.widths=[4,4,4,4]", "model.stf.channels=4", "model.head.channels=4");

    private static HirMtlModel build() {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(c).loadDefaults(TINY).config();
        return new ModelBuilder(c).build(cfg, 10);
    }

    private static Object layer(ComputationGraphConfiguration conf, String name) {
        return conf.getVertices().get(name) instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    @Test
    void tasksWithoutAFinishingStepUpsampleInTheirLossLayer() {
        HirMtlModel model = build();
        ComputationGraphConfiguration conf = model.graph().getConfiguration();
        Map<String, org.deeplearning4j.nn.conf.graph.GraphVertex> vertices = conf.getVertices();
        assertTrue(model.outputs().size() > 4, "deep supervision is on by default");
        for (OutputSpec o : model.outputs()) {
            assertEquals(1, o.stride(), o.name() + ": labels at the input resolution");
            Object l = layer(conf, o.name());
            String scope = o.name().substring(0, o.name().length() - "/out".length());
            if (o.task().equals("semseg") || o.task().equals("edge")) {
                UpsampledLoss up = (UpsampledLoss) l;
                int expected = o.auxiliary() ? Integer.parseInt(scope.replaceAll(".*/s(\\d+)/aux", "$1")) : 4;
                assertEquals(expected, up.getFactor(), o.name());
                assertFalse(vertices.containsKey(scope + "/up"), o.name() + ": no upsampling vertex");
            } else {
                assertSame(LeanLoss.class, l.getClass(), o.name());
                assertTrue(vertices.get(scope + "/up") instanceof BilinearUpsampleVertex, o.name());
            }
        }
        INDArray[] out = model.graph().output(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32));
        for (int i = 0; i < out.length; i++) {
            assertArrayEquals(new long[] {2, out[i].size(1), 32, 32}, out[i].shape(), model.outputs().get(i).name());
        }
    }

    @Test
    void theSwitchesKeepTheUpsamplingInTheGraph() {
        for (String[] p : new String[][] {{UpsampledLoss.PROPERTY, "graph"}, {LeanLayers.LOSS_PROPERTY, "dl4j"}}) {
            System.setProperty(p[0], p[1]);
            try {
                HirMtlModel model = build();
                ComputationGraph g = model.graph();
                for (OutputSpec o : model.outputs()) {
                    assertFalse(layer(g.getConfiguration(), o.name()) instanceof UpsampledLoss, p[0] + " " + o.name());
                }
            } finally {
                System.clearProperty(p[0]);
            }
        }
    }
}
