package org.hirmtl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles round-trip with their meta data; damaged or foreign files are one clear error. */
class CheckpointsTest {
    @TempDir
    Path tmp;

    private static ExperimentConfig tiny() {
        return new ConfigLoader(BuiltinComponents.registries()).loadDefaults(List.of("data.image_size=32x32", "tasks=[depth, normals]",
                "model.backbone.widths=[4,4,4,4]", "model.stf.channels=4", "model.head.channels=4")).config();
    }

    private static CheckpointMeta meta(HirMtlModel m) {
        return new CheckpointMeta(CheckpointMeta.FORMAT, m.tasks(), m.outputs(), m.height(), m.width(),
                Normalisation.IMAGENET, 3, 42, Double.NaN, 0, 1, 0.5, Map.of("lambda", new double[] {1, 2}), 7,
                Map.of(), Map.of("toolkit", "test"), Map.of(), null, Map.of());
    }

    @Test
    void roundTripsModelConfigAndMeta() throws Exception {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = tiny();
        HirMtlModel m = new ModelBuilder(c).build(cfg, 10);
        Path f = tmp.resolve("ckpt.zip");
        Checkpoints.write(f, m, cfg, meta(m), true);
        Checkpoints.Loaded l = Checkpoints.read(f, new ConfigLoader(c), true);
        assertEquals(cfg, l.config());
        assertEquals(cfg, Checkpoints.config(f, new ConfigLoader(c)));
        assertEquals(m.outputs(), l.model().outputs());
        assertEquals(m.graph().params(), l.model().graph().params());
        assertEquals(3, l.meta().epochsDone());
        assertTrue(Double.isNaN(l.meta().bestValue()));
        assertEquals(2.0, l.meta().weightingState().get("lambda")[1]);
        assertEquals(List.of("depth", "normals"), Checkpoints.meta(f).tasks());
        org.hirmtl.engine.OneDnn.disable();
        Checkpoints.Loaded again = Checkpoints.read(f, new ConfigLoader(c), false);
        assertTrue(again.model().graph().getLayer("backbone/stem/conv").getHelper()
                instanceof org.hirmtl.engine.OneDnnConvolution, "restored models use oneDNN too");
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void aTamperedEntryFailsItsChecksum() throws Exception {
        Components c = BuiltinComponents.registries();
        ExperimentConfig cfg = tiny();
        HirMtlModel m = new ModelBuilder(c).build(cfg, 10);
        Path f = tmp.resolve("ckpt.zip");
        Checkpoints.write(f, m, cfg, meta(m), false);
        Path bad = tmp.resolve("bad.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(f));
             OutputStream o = Files.newOutputStream(bad); ZipOutputStream out = new ZipOutputStream(o)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("config.yaml")) {
                    data = new String(data).replace("epochs: 6", "epochs: 7").getBytes();
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        CheckpointException ex = assertThrows(CheckpointException.class,
                () -> Checkpoints.read(bad, new ConfigLoader(c), false));
        assertTrue(ex.getMessage().contains("config.yaml does not match its checksum"), ex.getMessage());
    }

    @Test
    void aFileThatIsNotABundleIsOneClearError() throws Exception {
        Path f = tmp.resolve("x.zip");
        Files.writeString(f, "hello");
        CheckpointException ex = assertThrows(CheckpointException.class,
                () -> Checkpoints.read(f, new ConfigLoader(BuiltinComponents.registries()), false));
        assertTrue(ex.getMessage().contains("not a HirMTL checkpoint"), ex.getMessage());
        assertThrows(CheckpointException.class, () -> Checkpoints.read(tmp.resolve("none.zip"), new ConfigLoader(BuiltinComponents.registries()),
                false));
    }
}
