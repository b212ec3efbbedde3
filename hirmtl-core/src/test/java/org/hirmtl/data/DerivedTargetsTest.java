package org.hirmtl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.task.depth.DepthTask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** Tasks derived from a dataset's own targets: listed, derived on load, only what was asked for handed out. */
class DerivedTargetsTest {
    /** Depth doubled: derived from depth. */
    static final class Doubled implements TaskProvider {
        public String name() {
            return "doubled";
        }

        public TargetKind targetKind() {
            return TargetKind.DEPTH;
        }

        public int outputChannels(TaskConfig c) {
            return 1;
        }

        public Activation activation() {
            return Activation.IDENTITY;
        }

        public PixelLoss loss(TaskConfig c) {
            return null;
        }

        public void encodeLabels(float[] t, int n, int h, int w, TaskConfig c, float[] l, float[] m) {
        }

        public DenseMap decode(DenseMap a) {
            return a;
        }

        public DenseMetric metric(TaskConfig c, EvalConfig e) {
            return null;
        }

        public String primaryMetric() {
            return "x";
        }

        @Override
        public Set<String> derivedFrom() {
            return Set.of("depth");
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("factor", 2, "what depth is multiplied by"));
        }

        @Override
        public DenseMap deriveTarget(Map<String, DenseMap> sources, TaskConfig config) {
            DenseMap d = sources.get("depth").copy();
            float f = ((Number) config.options().get("factor")).floatValue();
            for (int i = 0; i < d.data().length; i++) {
                d.data()[i] *= f;
            }
            return d;
        }
    }

    /** One id, an image and a depth target. */
    static final class OneImage implements Dataset {
        public String type() {
            return "memory";
        }

        public Path root() {
            return Path.of("mem");
        }

        public Set<String> tasks() {
            return Set.of("depth");
        }

        public List<String> splits() {
            return List.of("val");
        }

        public List<String> ids(String split) {
            return List.of("a");
        }

        public Sample load(String id, Set<String> tasks) {
            Map<String, DenseMap> t = new LinkedHashMap<>();
            if (tasks.contains("depth")) {
                t.put("depth", new DenseMap(1, 1, 2, new float[] {1.5f, 2f}));
            }
            return new Sample(id, DenseMap.zeros(3, 1, 2), t);
        }

        public Path imageFile(String id) {
            return Path.of("mem/" + id + ".jpg");
        }

        public Path targetFile(String task, String id) {
            return Path.of("mem/" + task + "/" + id + ".npy");
        }
    }

    @Test
    void derivesWhatIsAskedFor() throws Exception {
        Dataset base = new OneImage();
        Dataset d = DerivedTargets.wrap(base, List.of(new DepthTask(), new Doubled()), Map.of());
        assertEquals(Set.of("depth", "doubled"), d.tasks());
        Sample s = d.load("a", Set.of("doubled"));
        assertEquals(Set.of("doubled"), s.targets().keySet());
        assertEquals(4f, s.target("doubled").data()[1]);
        assertEquals(2, d.load("a", Set.of("depth", "doubled")).targets().size());
        assertNull(d.load("a", Set.of("depth")).target("doubled"));
        assertEquals(Path.of("mem/depth/a.npy"), d.targetFile("doubled", "a"));
        assertSame(base, ((DerivedTargets) d).base());
        assertSame(base, DerivedTargets.wrap(base, List.of(new DepthTask()), Map.of()), "nothing to derive: unwrapped");
    }

    @Test
    void derivedTargetsGetTheTasksConfig() throws Exception {
        Dataset d = DerivedTargets.wrap(new OneImage(), List.of(new Doubled()),
                Map.of("doubled", new TaskConfig(1, Map.of("factor", 3.0))));
        assertEquals(6f, d.load("a", Set.of("doubled")).target("doubled").data()[1]);
    }
}
