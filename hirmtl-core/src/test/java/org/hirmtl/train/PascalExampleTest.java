package org.hirmtl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.pascal.PascalFixture;
import org.hirmtl.eval.CheckpointEvaluation;
import org.hirmtl.eval.EvalReport;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/pascal.yaml} as a user runs it, on a fixture in the PASCAL_MT layout (human parts and LabelMaps as
 * {@code .mat} files): it validates, trains one epoch at the anchors' 512×512 and evaluates at the original
 * resolution with every metric of the five tasks. Only the batch size is lowered (to 1) and the
 * convolution-output cache is off ({@link Examples#trainLean}), so the test JVM stays within the suite's 4 GiB budget
 * (measured: batch 2 with the cache peaked at 6.4 GiB).
 */
class PascalExampleTest {
    @TempDir
    Path tmp;


    @Test
    void trainsOneEpochAtTheAnchorsResolutionAndEvaluates() throws Exception {
        Path data = PascalFixture.write(tmp.resolve("PASCAL_MT"), 120, 160, List.of("a", "b"), List.of("c", "d"));
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(c).load(Examples.folder().resolve("pascal.yaml"), List.of(
                "data.root=" + data, "train.batch_size=1", "train.epochs=1", "data.workers=1")).config();
        Trainer trainer = new Trainer(c, TrainListener.NONE);
        List<String> notes = trainer.validate(cfg);
        assertEquals(List.of(), notes, "validate checked the dataset too (512x512 needs no padding)");
        Path run = tmp.resolve("run");
        Examples.trainLean(trainer, cfg, run);
        EvalReport r = CheckpointEvaluation.prepare(c, run, new CheckpointEvaluation.Options(null, null, "val", null,
                null, null, null, null)).run(() -> { }, note -> { });
        for (String m : List.of("semseg.miou", "semseg.miou_all", "parts.miou", "saliency.maxf", "normals.mean",
                "edge.odsf")) {
            assertTrue(r.metrics().containsKey(m), m + " in " + r.metrics().keySet());
        }
        assertEquals(2, ((java.util.Map<?, ?>) r.json().get("dataset")).get("images"));
    }
}
