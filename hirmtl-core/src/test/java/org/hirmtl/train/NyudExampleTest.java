package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Fixtures;
import org.hirmtl.eval.CheckpointEvaluation;
import org.hirmtl.eval.EvalReport;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/nyud.yaml} as a user runs it, on a fixture in the NYUD_MT layout at NYUD's own 425×560: it
 * validates, trains one epoch (the input is padded to 448×576 for the stride-32 backbone) and evaluates at the
 * original resolution with every metric. Only the batch size is lowered (to 1) and the
 * convolution-output cache is off ({@link Examples#trainLean}), so the test JVM stays within the suite's 4 GiB budget
 * (measured: batch 2 took 6.4 GiB, batch 1 with the cache 4.2 GiB).
 */
class NyudExampleTest {
    @TempDir
    Path tmp;


    @Test
    void trainsOneEpochAtTheAnchorsResolutionAndEvaluates() throws Exception {
        Path data = Fixtures.nyudMt(tmp.resolve("NYUD_MT"), 425, 560, List.of("a", "b"), List.of("c"));
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(c).load(Examples.folder().resolve("nyud.yaml"), List.of(
                "data.root=" + data, "train.batch_size=1", "train.epochs=1", "data.workers=1")).config();
        Trainer trainer = new Trainer(c, TrainListener.NONE);
        List<String> notes = trainer.validate(cfg);
        assertEquals(List.of("images are resized to 425x560 and padded to the network input 448x576 (the backbone's "
                + "stride)"), notes, "validate checked the dataset too");
        Path run = tmp.resolve("run");
        Examples.trainLean(trainer, cfg, run);
        EvalReport r = CheckpointEvaluation.prepare(c, run, new CheckpointEvaluation.Options(null, null, "val", null,
                null, null, null, null)).run(() -> { }, note -> { });
        for (String m : List.of("semseg.miou", "semseg.pixel_acc", "depth.rmse", "depth.abs_rel", "normals.mean",
                "normals.within_11_25", "edge.odsf")) {
            assertTrue(r.metrics().containsKey(m), m + " in " + r.metrics().keySet());
        }
        assertEquals(1, ((java.util.Map<?, ?>) r.json().get("dataset")).get("images"));
    }
}
