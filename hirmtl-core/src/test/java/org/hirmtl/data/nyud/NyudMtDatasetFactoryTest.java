package org.hirmtl.data.nyud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.data.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NyudMtDatasetFactoryTest {
    @TempDir
    Path tmp;

    @Test
    void decodesTheNyudConventions() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, List.of("a", "b"), List.of("c"));
        NyudMtDatasetFactory f = new NyudMtDatasetFactory();
        assertTrue(f.recognises(tmp));
        Dataset d = f.open(tmp);
        assertEquals(Set.of("semseg", "depth", "normals", "edge"), d.tasks(), "saliency folder absent");
        assertEquals(List.of("train", "val"), d.splits());
        assertEquals(List.of("a", "b"), d.ids("train"));
        Sample s = d.load("c", d.tasks());
        assertEquals(3, s.image().channels());
        DenseMap seg = s.target("semseg");
        // written value i % 41: 0 -> ignore, v -> v - 1
        assertEquals(TargetKind.IGNORE, seg.data()[0]);
        assertEquals(0f, seg.data()[1]);
        assertEquals(39f, seg.data()[40]);
        assertEquals(TargetKind.IGNORE, seg.data()[41]);
        DenseMap depth = s.target("depth");
        assertEquals(0f, depth.data()[0]);
        assertEquals(1.01f, depth.data()[1], 1e-6);
        DenseMap n = s.target("normals");
        assertEquals(3, n.channels());
        assertEquals(0f, n.get(2, 0, 0), "pixel 0 is an invalid (zero) normal");
        assertEquals(1f, n.get(2, 0, 1), "HWC is transposed to CHW");
        assertEquals(1f, s.target("edge").get(0, 3, 2));
        assertEquals(0f, s.target("edge").get(0, 2, 2));
    }

    @Test
    void loadsOnlyRequestedTasksAndNamesBrokenFiles() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, List.of("a"), List.of());
        Dataset d = new NyudMtDatasetFactory().open(tmp);
        assertEquals(Set.of("depth"), d.load("a", Set.of("depth")).targets().keySet());
        Files.write(tmp.resolve("depth/a.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> d.load("a", Set.of("depth")));
        assertTrue(e.getMessage().contains("depth/a.npy"), e.getMessage());
    }

    @Test
    void rejectsAFolderThatIsNotADataset() {
        assertFalse(new NyudMtDatasetFactory().recognises(tmp));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> new NyudMtDatasetFactory().open(tmp));
    }
}
