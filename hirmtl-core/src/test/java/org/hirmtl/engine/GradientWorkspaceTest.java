package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GradientWorkspace}: the full HirMTL graph (all five tasks, deep supervision, AICM) trains to the same
 * parameters with its gradient workspaces in the shared arena as with a workspace of their own each, gives every block
 * back after each pass, and inference through the same workspaces gives the same outputs.
 */
class GradientWorkspaceTest {
    private static final int H = 32;
    private static final int W = 64;

    @AfterEach
    void restore() {
        System.clearProperty("hirmtl.gradients");
        Workspaces.release();
    }

    private static ComputationGraph graph() {
        var registries = BuiltinComponents.registries();
        HirMtlModel m = new ModelBuilder(registries).build(new ConfigLoader(registries).loadDefaults(List.of(
                "data.image_size=" + H + "x" + W, "model.backbone.widths=[8,8,16,16]", "model.stf.channels=8",
                "model.head.channels=8")).config(), 10);
        return m.graph();
    }

    /** Trains {@code g} 3 steps on (x, y) with the pool as {@code -Dhirmtl.gradients} says; its outputs after. */
    private static INDArray[] train(ComputationGraph g, INDArray x, INDArray[] y, String gradients) {
        if (gradients == null) {
            System.clearProperty("hirmtl.gradients");
        } else {
            System.setProperty("hirmtl.gradients", gradients);
        }
        Workspaces.release();
        Workspaces.sizeFromFirstPass(g.getVertices().length);
        for (int step = 0; step < 3; step++) {
            g.fit(new INDArray[] {x.mul(step + 1)}, dup(y));
            assertEquals(0, GradientArena.current().liveBytes(), "every block given back after the pass");
        }
        INDArray[] out = g.output(false, x.dup());
        INDArray[] copies = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            copies[i] = out[i].detach();
        }
        return copies;
    }

    private static INDArray[] dup(INDArray[] a) {
        INDArray[] d = new INDArray[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i].dup();
        }
        return d;
    }

    @Test
    void trainingInTheArenaEqualsTrainingInWorkspacesOfTheirOwn() {
        ComputationGraph own = graph();
        ComputationGraph shared = graph();
        shared.setParams(own.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, H, W);
        Map<String, INDArray> acts = own.feedForward(x, false);
        List<String> outputs = own.getConfiguration().getNetworkOutputs();
        INDArray[] y = new INDArray[outputs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = Nd4j.rand(DataType.FLOAT, acts.get(outputs.get(i)).shape());
        }

        INDArray[] ownOut = train(own, x, y, "workspaces");
        assertFalse(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread("WS_LAYER_ACT_0")
                instanceof GradientWorkspace, "workspaces of their own with -Dhirmtl.gradients=workspaces");
        INDArray[] sharedOut = train(shared, x, y, null);
        assertInstanceOf(GradientWorkspace.class,
                Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread("WS_LAYER_ACT_0"));
        assertTrue(GradientArena.current().peakLiveBytes() > 0, "the gradients were in the arena");
        assertEquals(1, GradientArena.current().chunkCount(), "one chunk after the first pass");

        GraphComparisons.assertClose(own.params(), shared.params(), 1e-5, "parameters after 3 steps");
        for (int i = 0; i < ownOut.length; i++) {
            GraphComparisons.assertClose(ownOut[i], sharedOut[i], 1e-5, "output " + i);
        }
    }
}
