package org.hirmtl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Npy;
import org.hirmtl.data.nyud.NyudMtDatasetFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCheckerTest {
    @TempDir
    Path tmp;

    private DatasetChecker.Report check() throws Exception {
        Dataset d = new NyudMtDatasetFactory().open(tmp);
        return new DatasetChecker(2).check(d, () -> { });
    }

    @Test
    void aSoundDatasetHasNoProblems() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, List.of("a", "b"), List.of("c"));
        DatasetChecker.Report r = check();
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(Map.of("train", 2, "val", 1), r.splits());
    }

    @Test
    void reportsEveryBrokenFileByName() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, List.of("a", "b", "c", "d", "e"), List.of("f"));
        Files.writeString(tmp.resolve("gt_sets/val.txt"), "f\nghost\n");
        Files.delete(tmp.resolve("edge/a.npy"));
        byte[] depth = Files.readAllBytes(tmp.resolve("depth/b.npy"));
        Files.write(tmp.resolve("depth/b.npy"), Arrays.copyOf(depth, depth.length - 20));
        byte[] jpg = Files.readAllBytes(tmp.resolve("images/c.jpg"));
        Files.write(tmp.resolve("images/c.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        Npy.writeHw(tmp.resolve("depth/d.npy"), DenseMap.zeros(1, 5, 8));
        DenseMap bad = DenseMap.zeros(1, 6, 8);
        bad.data()[3] = -1f;
        Npy.writeHw(tmp.resolve("depth/e.npy"), bad);
        Files.writeString(tmp.resolve("images/f.jpg"), "not an image");

        List<String> problems = check().problems().stream().map(Object::toString).toList();
        assertContains(problems, "edge/a.npy", "missing");
        assertContains(problems, "depth/b.npy", "npy");
        assertContains(problems, "images/c.jpg", "");
        assertContains(problems, "depth/d.npy", "5x8 but the image is 6x8");
        assertContains(problems, "depth/e.npy", "-1.0");
        assertContains(problems, "images/f.jpg", "");
        assertContains(problems, "images/ghost.jpg", "no image and no targets");
    }

    private static void assertContains(List<String> problems, String file, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(file) && p.contains(text)),
                "expected a problem with " + file + " mentioning '" + text + "' in " + problems);
    }

    @Test
    void labelsOutsideTheClassesAndMissingSplitsAreProblems() throws Exception {
        Fixtures.nyudMt(tmp, 6, 8, List.of("a", "b"), List.of("c"));
        int[] seg = new int[48];
        seg[5] = 200; // the NYUD_MT factory names 40 classes: PNG value 200 is class 199
        seg[6] = 200;
        org.hirmtl.data.io.Images.writeGray8(tmp.resolve("segmentation/b.png"), 6, 8, seg);
        DatasetChecker.Report own = check();
        assertEquals(1, own.problems().size(), own.problems().toString());
        assertTrue(own.problems().get(0).toString().contains("segmentation/b.png: semseg: 2 pixel(s) have labels "
                + "outside the 40 classes (0..39, 255 = ignore): largest 199, first at pixel 5"),
                own.problems().toString());

        Dataset d = new NyudMtDatasetFactory().open(tmp);
        DatasetChecker.Report cfg = new DatasetChecker(1).check(d, new DatasetChecker.Expectations(
                Map.of("semseg", 13), List.of("train", "test")), () -> { });
        assertTrue(cfg.problems().stream().anyMatch(p -> p.toString().contains("gt_sets/test.txt: split 'test' named "
                + "in the config has no split file (the dataset has: train, val)")), cfg.problems().toString());
        assertTrue(cfg.problems().stream().anyMatch(p -> p.toString().contains("outside the 13 classes")),
                "the config's class count wins: " + cfg.problems());
    }
}
