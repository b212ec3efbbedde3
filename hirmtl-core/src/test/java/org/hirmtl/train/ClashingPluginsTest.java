package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.WeightingConfig;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.eval.CheckpointEvaluation;
import org.hirmtl.eval.EvalReport;
import org.hirmtl.registry.Components;
import org.hirmtl.train.weighting.FixedWeighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two plugins that register a weighting under the same name: both load, each checkpoint records the qualified name
 * of the one it was trained with, and evaluating or resuming it finds that one again when the other plugin loads
 * first.
 */
class ClashingPluginsTest {
    @TempDir
    Path tmp;

    /** A plugin's weighting {@code inverse-loss}: fixed weights, counting the runs that create it. */
    static final class Counting implements WeightingFactory {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public String name() {
            return "inverse-loss";
        }

        @Override
        public TaskWeighting create(List<String> tasks, Map<String, Double> baseWeights, WeightingConfig config) {
            created.incrementAndGet();
            return new FixedWeighting().create(tasks, baseWeights, config);
        }
    }

    private static Components withPlugins(Counting first, String firstId, Counting second, String secondId) {
        Components c = BuiltinComponents.registries();
        c.recordPlugin(firstId, "1.0.0");
        c.registrar(firstId).weighting("inverse-loss", first);
        c.recordPlugin(secondId, "2.0.0");
        c.registrar(secondId).weighting("inverse-loss", second);
        return c;
    }

    @Test
    void aCheckpointFindsItsOwnPluginsComponentWhicheverLoadsFirst() throws Exception {
        Counting alpha = new Counting();
        Counting beta = new Counting();
        Components alphaFirst = withPlugins(alpha, "alpha", beta, "beta");
        assertEquals(List.of("beta:inverse-loss"), alphaFirst.weightings().names().stream()
                .filter(n -> n.contains(":")).toList(), "both load; the second under its qualified name");

        Path synth = tmp.resolve("synth");
        Path runA = tmp.resolve("alpha-run");
        Path runB = tmp.resolve("beta-run");
        ExperimentConfig a = config(alphaFirst, synth, "train.weighting.type=inverse-loss");
        ExperimentConfig b = config(alphaFirst, synth, "train.weighting.type=beta:inverse-loss");
        new Trainer(alphaFirst, TrainListener.NONE).train(a, runA, false);
        new Trainer(alphaFirst, TrainListener.NONE).train(b, runB, false);
        assertEquals(1, alpha.created.get());
        assertEquals(1, beta.created.get());
        assertEquals(Map.of("weighting/inverse-loss", "alpha:inverse-loss"),
                Checkpoints.meta(runA.resolve(Trainer.LAST)).components());
        assertEquals(Map.of("weighting/beta:inverse-loss", "beta:inverse-loss"),
                Checkpoints.meta(runB.resolve(Trainer.LAST)).components());

        // the other order: beta now holds the bare name
        Components betaFirst = withPlugins(beta, "beta", alpha, "alpha");
        assertSame(beta, betaFirst.weightings().get("inverse-loss"));
        assertSame(alpha, Checkpoints.componentsFor(runA.resolve(Trainer.LAST), betaFirst).weightings()
                .get("inverse-loss"), "alpha's checkpoint still means alpha's weighting");
        assertSame(beta, Checkpoints.componentsFor(runB.resolve(Trainer.LAST), betaFirst).weightings()
                .get("beta:inverse-loss"), "a qualified name means its plugin's component when that one was first");

        for (Path run : List.of(runA, runB)) {
            EvalReport r = CheckpointEvaluation.prepare(betaFirst, run, new CheckpointEvaluation.Options(null, null,
                    "val", null, null, null, List.of(), null)).run(() -> { }, note -> { });
            assertTrue(Double.isFinite(r.metrics().get("semseg.miou")), run + ": " + r.metrics());
        }

        Trainer resumed = new Trainer(betaFirst, TrainListener.NONE);
        assertEquals("inverse-loss", resumed.resumeConfig(runA).train().weighting().type());
        resumed.train(config(betaFirst, synth, "train.weighting.type=inverse-loss", "train.epochs=2"), runA, true);
        assertEquals(2, alpha.created.get(), "resuming alpha's run creates alpha's weighting again");
        assertEquals(1, beta.created.get());
    }

    private static ExperimentConfig config(Components c, Path synth, String... extra) {
        List<String> o = new java.util.ArrayList<>(List.of("data.root=" + synth, "data.image_size=64x64",
                "data.synth.size=64x64", "data.synth.train=4", "data.synth.val=2", "data.synth.classes=6",
                "tasks=[semseg, depth]", "tasks.semseg.options.classes=6", "model.backbone.widths=[8,8,16,16]",
                "model.stf.channels=8", "model.head.channels=8", "train.batch_size=2", "train.epochs=1"));
        o.addAll(List.of(extra));
        return new ConfigLoader(c).loadDefaults(o).config();
    }
}
