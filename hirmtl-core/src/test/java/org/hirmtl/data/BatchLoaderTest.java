package org.hirmtl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.nyud.NyudMtDatasetFactory;
import org.hirmtl.data.transform.Augmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {
    @TempDir
    Path tmp;

    private static final List<String> IDS = List.of("a", "b", "c", "d", "e");

    private BatchLoader loader(int workers) throws Exception {
        Dataset d = new NyudMtDatasetFactory().open(tmp);
        Augmentation aug = new Augmentation(4, 6, true, 0.9, 1.3, true, 0.3, TargetKind::ofBuiltinTask);
        return new BatchLoader(d, IDS, Set.of("semseg", "normals"), aug, 2, true, false, 11, workers, 3);
    }

    private static List<Batch> all(BatchLoader l, int epoch) {
        List<Batch> out = new ArrayList<>();
        l.epoch(epoch, 0).forEachRemaining(out::add);
        return out;
    }

    @Test
    void batchesAreDeterministicWhateverTheThreadCount() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, IDS, List.of());
        try (BatchLoader one = loader(1); BatchLoader two = loader(2)) {
            assertEquals(3, one.batchesPerEpoch());
            List<Batch> a = all(one, 0);
            List<Batch> b = all(two, 0);
            assertEquals(3, a.size());
            assertEquals(1, a.get(2).size(), "last batch keeps the remainder");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).ids(), b.get(i).ids());
                assertArrayEquals(a.get(i).images(), b.get(i).images());
                assertArrayEquals(a.get(i).targets().get("normals"), b.get(i).targets().get("normals"));
            }
            assertEquals(3, a.get(0).channels().get("normals"));
            assertEquals(2 * 3 * 4 * 6, a.get(0).targets().get("normals").length);
            assertNotEquals(one.order(0), one.order(1), "each epoch reshuffles");
            List<String> seen = new ArrayList<>();
            a.forEach(x -> seen.addAll(x.ids()));
            assertEquals(Set.copyOf(IDS), Set.copyOf(seen));
            Iterator<Batch> resumed = one.epoch(0, 2);
            assertEquals(a.get(2).ids(), resumed.next().ids(), "starting mid-epoch gives the same batch");
        }
    }

    @Test
    void aBrokenFileSurfacesWithItsName() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, IDS, List.of());
        Files.writeString(tmp.resolve("normals/c.npy"), "garbage");
        try (BatchLoader l = loader(2)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> all(l, 0));
            assertTrue(e.getMessage().contains("normals/c.npy"), e.getMessage());
        }
    }
}
