package org.hirmtl.plugins.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.testkit.ComponentContract;
import org.junit.jupiter.api.Test;

/** The occlusion task: derived targets, metric, and the toolkit's contract kit. */
class OcclusionTaskTest {
    /** A 4×6 depth map: near box (1 m) on the left, wall (3 m) on the right, one missing pixel. */
    static DenseMap step() {
        float[] d = new float[4 * 6];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                d[y * 6 + x] = x < 3 ? 1f : 3f;
            }
        }
        d[5] = 0;
        return new DenseMap(1, 4, 6, d);
    }

    @Test
    void contoursAreTheNearSideOfDepthJumps() {
        DenseMap t = OcclusionTask.contours(step(), OcclusionTask.JUMP);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                float expected = y == 0 && x == 5 ? TargetKind.IGNORE : x == 2 ? 1 : 0;
                assertEquals(expected, t.get(0, y, x), "pixel " + y + "," + x);
            }
        }
        OcclusionTask task = new OcclusionTask();
        TaskConfig defaults = new TaskConfig(5, OptionSpec.resolve(task.options(), Map.of()));
        assertEquals(t, task.deriveTarget(Map.of("depth", step()), defaults));
        TaskConfig coarse = new TaskConfig(5, OptionSpec.resolve(task.options(), Map.of("jump", 100)));
        DenseMap none = task.deriveTarget(Map.of("depth", step()), coarse);
        for (int i = 0; i < none.pixels(); i++) {
            assertTrue(none.data()[i] == 0 || none.data()[i] == TargetKind.IGNORE, "no jump is 100x the depth");
        }
    }

    @Test
    void metricFindsTheBestThreshold() {
        OcclusionMetric m = new OcclusionMetric();
        DenseMap target = new DenseMap(1, 1, 4, new float[] {1, 0, 0, TargetKind.IGNORE});
        m.update(new DenseMap(1, 1, 4, new float[] {0.9f, 0.3f, 0.1f, 0.99f}), target);
        assertEquals(1.0, m.results().get("maxf"), 1e-12);
        OcclusionMetric half = new OcclusionMetric();
        half.update(new DenseMap(1, 1, 4, new float[] {0.2f, 0.9f, 0.1f, 0f}), target);
        assertEquals(2.0 * 0.5 * 1 / 1.5, half.results().get("maxf"), 1e-12);
    }

    @Test
    void keepsTheTaskContract() {
        ComponentContract.assertTaskContract(new OcclusionTask(), new TaskConfig(5, Map.of()),
                OcclusionTask.contours(step(), OcclusionTask.JUMP));
    }

    @Test
    void keepsTheModelContract() {
        ComponentContract.assertModelContract(new OcclusionPlugin(), "tasks={depth: 1.0, occlusion: 5.0}");
    }
}
