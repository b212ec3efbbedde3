package org.hirmtl.data.pascal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.data.DatasetChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PascalMtDatasetFactoryTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryTaskInTheAnchorsConventions() throws Exception {
        PascalFixture.write(tmp, 12, 16, List.of("2008_000001", "2008_000002"), List.of("2008_000003"));
        Dataset d = BuiltinComponents.registries().openDataset("auto", tmp);
        assertEquals("pascal_mt", d.type());
        assertEquals(Set.of("semseg", "parts", "saliency", "normals", "edge"), d.tasks());
        assertEquals(21, d.classNames("semseg").size());
        Sample a = d.load("2008_000001", d.tasks());
        DenseMap parts = a.target("parts");
        assertEquals(1f, parts.get(0, 0, 12), "head");
        assertEquals(2f, parts.get(0, 4, 12), "torso");
        assertEquals(4f, parts.get(0, 8, 8), "left hand: lower arm");
        assertEquals(0f, parts.get(0, 8, 2), "background (the chair is not a person)");
        DenseMap noPerson = d.load("2008_000002", Set.of("parts")).target("parts");
        for (float v : noPerson.data()) {
            assertEquals((float) TargetKind.IGNORE, v, "no person in the image: all ignored");
        }
        assertNull(d.load("2008_000003", Set.of("parts")).target("parts"), "no PASCAL-Part file: no target");
        DenseMap edge = a.target("edge");
        for (int y = 1; y < 11; y++) {
            float row = 0;
            for (int x = 0; x < 16; x++) {
                row += edge.get(0, y, x);
            }
            assertEquals(1f, row, "one boundary pixel per row between the LabelMap's two regions");
        }
        assertEquals(1f, a.target("saliency").get(0, 3, 12));
        assertEquals(1f, a.target("normals").get(2, 3, 3), 0.01);
        assertEquals(15f, a.target("semseg").get(0, 3, 12));
        assertEquals((float) TargetKind.IGNORE, a.target("semseg").get(0, 0, 0));

        DatasetChecker.Report r = new DatasetChecker(1).check(d, () -> { });
        assertTrue(r.ok(), r.problems().toString());
    }
}
