package org.hirmtl.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.render.Palette;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.checkpoint.CheckpointException;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checkpoint → inference bundle → the same outputs, smaller file, palettes carried, resuming refused. */
class InferenceBundleTest {
    @TempDir
    Path tmp;

    @Test
    void bundleRoundTrip() throws Exception {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = new ConfigLoader(BuiltinComponents.registries()).loadDefaults(List.of("data.image_size=32x32",
                "tasks=[semseg, depth]", "tasks.semseg.options.classes=4", "model.backbone.widths=[4,4,4,4]",
                "model.stf.channels=4", "model.head.channels=4")).config();
        HirMtlModel m = new ModelBuilder(c).build(cfg, 10);
        INDArray x = Nd4j.rand(new long[] {2, 3, 32, 32}).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        m.graph().fit(new INDArray[] {x}, labels(m, x)); // one step, so that the optimiser has state to drop
        CheckpointMeta meta = new CheckpointMeta(CheckpointMeta.FORMAT, m.tasks(), m.outputs(), 32, 32,
                Normalisation.IMAGENET, 1, 1, Double.NaN, 0, 0, Double.NaN, Map.of(), 3, Map.of(),
                Map.of("toolkit", "test"), Map.of(), null, Map.of());
        Path ckpt = tmp.resolve("last.zip");
        Checkpoints.write(ckpt, m, cfg, meta, true);
        Checkpoints.Loaded l = Checkpoints.read(ckpt, new ConfigLoader(c), false);
        assertFalse(l.inferenceOnly());

        Path bundle = tmp.resolve("model.hirmtl");
        InferenceBundle.write(l, ckpt, c, bundle);
        assertTrue(Files.size(bundle) < Files.size(ckpt), "no optimiser state: " + Files.size(bundle) + " vs "
                + Files.size(ckpt));
        Checkpoints.Loaded b = Checkpoints.read(bundle, new ConfigLoader(c), false);
        assertTrue(b.inferenceOnly());
        assertEquals(cfg, b.config());
        assertEquals(m.tasks(), b.model().tasks());
        assertEquals(m.outputs(), b.model().outputs());
        assertEquals(ckpt.toString(), b.inference().source());
        assertEquals(Map.of(), b.meta().plugins());
        Palette p = b.palettes().get("semseg");
        assertEquals(4, p.size());
        assertEquals(Palette.vocColour(3), p.rgb(3));
        assertFalse(b.palettes().containsKey("depth"));
        INDArray[] before = l.model().graph().output(false, x);
        INDArray[] after = b.model().graph().output(false, x);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i].data().asFloat(), after[i].data().asFloat(), "output " + i);
        }

        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.read(bundle, new ConfigLoader(c), true));
        assertTrue(e.getMessage().contains("cannot be resumed"), e.getMessage());

        Path again = tmp.resolve("again.hirmtl");
        InferenceBundle.write(b, bundle, c, again);
        assertEquals(4, Checkpoints.read(again, new ConfigLoader(c), false).palettes().get("semseg").size());
    }

    private static INDArray[] labels(HirMtlModel m, INDArray x) {
        INDArray[] out = m.graph().output(false, x);
        INDArray[] labels = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            labels[i] = out[i].dup();
        }
        return labels;
    }
}
