package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path tmp;

    private Cli synth(Path out) {
        return Cli.run("-q", "data", "synth", "--out", out.toString(), "--train", "6", "--val", "2",
                "--size", "32x40", "--classes", "6", "--seed", "5");
    }

    @Test
    void synthThenCheckPassesAndIsDeterministicAndReused() throws Exception {
        Path a = tmp.resolve("a");
        Cli r = synth(a);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Wrote 6 train + 2 val scenes of 32x40"), r.out());
        assertTrue(Files.isRegularFile(a.resolve("saliency/00007.png")));
        Cli again = synth(a);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().startsWith("Reusing"), again.out());

        Path b = tmp.resolve("b");
        assertEquals(0, Cli.run("-q", "data", "synth", "--out", b.toString(), "--train", "6", "--val", "2",
                "--size", "32x40", "--classes", "6", "--seed", "5", "--threads", "1").code());
        for (String f : new String[] {"images/00003.jpg", "depth/00003.npy", "normals/00007.npy", "edge/00001.npy",
                "segmentation/00004.png", "saliency/00000.png"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }

        Cli check = Cli.run("-q", "data", "check", a.toString());
        assertEquals(0, check.code(), check.toString());
        assertTrue(check.out().contains("synthetic dataset"), check.out());
        assertTrue(check.out().contains("OK"), check.out());

        Cli split = Cli.run("-q", "data", "check", a.toString(), "--set", "data.val_split=test");
        assertEquals(ExitCodes.USAGE, split.code(), split.toString());
        assertTrue(split.err().contains("split 'test' named in the config has no split file"), split.err());
        Cli fewer = Cli.run("-q", "data", "check", a.toString(), "--set", "tasks.semseg.options.classes=2");
        assertEquals(ExitCodes.USAGE, fewer.code(), fewer.toString());
        assertTrue(fewer.err().contains("outside the 2 classes"), fewer.err());
    }

    @Test
    void aBrokenDatasetListsEachBadFileAndExitsTwo() throws Exception {
        Path a = tmp.resolve("a");
        assertEquals(0, synth(a).code());
        Files.delete(a.resolve("depth/00002.npy"));
        byte[] img = Files.readAllBytes(a.resolve("images/00006.jpg"));
        Files.write(a.resolve("images/00006.jpg"), Arrays.copyOf(img, img.length / 2));
        Cli r = Cli.run("-q", "data", "check", a.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("depth/00002.npy: missing depth target"), r.err());
        assertTrue(r.err().contains("images/00006.jpg"), r.err());
        assertTrue(r.err().contains("hirmtl: error: 2 problem(s)"), r.err());
    }

    @Test
    void refusesToWriteIntoAForeignFolder() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "user data");
        Cli r = Cli.run("-q", "data", "synth", "--out", tmp.toString(), "--train", "1", "--val", "0");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(Files.exists(tmp.resolve("keep.txt")));
    }
}
