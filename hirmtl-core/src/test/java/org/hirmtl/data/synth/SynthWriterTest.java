package org.hirmtl.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset on disk: NYUD_MT layout, readable by our readers, reproducible, with a trustworthy manifest. */
class SynthWriterTest {
    private static final SynthSpec SPEC = new SynthSpec(3, 2, 48, 64, 6, 11);

    @TempDir
    Path tmp;

    @Test
    void writesTheNyudLayoutAndReadersRoundTripIt() throws IOException {
        Path dir = tmp.resolve("synth");
        AtomicInteger steps = new AtomicInteger();
        new SynthWriter().write(SPEC, dir, 2, steps::incrementAndGet);
        assertEquals(SPEC.scenes(), steps.get());
        assertEquals(List.of("00000", "00001", "00002"), Files.readAllLines(dir.resolve("gt_sets/train.txt")));
        assertEquals(List.of("00003", "00004"), Files.readAllLines(dir.resolve("gt_sets/val.txt")));
        for (int i = 0; i < SPEC.scenes(); i++) {
            checkScene(dir, SPEC.id(i), new SceneGenerator().generate(SPEC, i));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")), "no temporary files left");
        }
    }

    private static void checkScene(Path dir, String id, Scene s) throws IOException {
        DenseMap depth = Npy.readMap(dir.resolve("depth/" + id + ".npy"));
        assertArrayEquals(new int[] {48, 64}, Npy.shape(dir.resolve("depth/" + id + ".npy")));
        assertEquals(s.depth(), depth);
        assertArrayEquals(new int[] {48, 64, 3}, Npy.shape(dir.resolve("normals/" + id + ".npy")));
        assertEquals(s.normals(), Npy.readMap(dir.resolve("normals/" + id + ".npy")));
        assertEquals(s.edge(), Npy.readMap(dir.resolve("edge/" + id + ".npy")));
        DenseMap seg = Images.readLabels(dir.resolve("segmentation/" + id + ".png"));
        DenseMap sal = Images.readLabels(dir.resolve("saliency/" + id + ".png"));
        for (int p = 0; p < seg.pixels(); p++) {
            assertEquals(s.classes()[p] + 1, (int) seg.data()[p]);
            assertEquals(s.saliency().data()[p] * 255, sal.data()[p]);
        }
        DenseMap rgb = Images.readRgb(dir.resolve("images/" + id + ".jpg"));
        assertEquals(3, rgb.channels());
        assertEquals(s.rgb().sizeString(), rgb.sizeString());
        double err = 0;
        for (int i = 0; i < rgb.data().length; i++) {
            err += Math.abs(rgb.data()[i] - s.rgb().data()[i]);
        }
        assertTrue(err / rgb.data().length < 0.03, "JPEG close to the rendered image, mean error " + err);
    }

    @Test
    void sameBytesWhateverTheThreadCount() throws IOException {
        new SynthWriter().write(SPEC, tmp.resolve("one"), 1, ProgressListener.NONE);
        new SynthWriter().write(SPEC, tmp.resolve("two"), 2, ProgressListener.NONE);
        List<Path> one = files(tmp.resolve("one"));
        assertEquals(one, files(tmp.resolve("two")));
        assertEquals(SPEC.scenes() * 6 + 3, one.size());
        for (Path f : one) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)),
                    Files.readAllBytes(tmp.resolve("two").resolve(f)), f.toString());
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void isCompleteOnlyForTheSameFinishedSpec() throws IOException {
        Path dir = tmp.resolve("cache");
        assertFalse(SynthWriter.isComplete(dir, SPEC));
        new SynthWriter().write(SPEC, dir, 2, ProgressListener.NONE);
        assertTrue(SynthWriter.isComplete(dir, SPEC));
        assertFalse(SynthWriter.isComplete(dir, new SynthSpec(3, 2, 48, 64, 6, 12)));
        assertFalse(SynthWriter.isComplete(dir, new SynthSpec(3, 2, 48, 80, 6, 11)));
        assertFalse(SynthWriter.isComplete(dir, new SynthSpec(4, 1, 48, 64, 6, 11)));
        assertFalse(SynthWriter.isComplete(dir, new SynthSpec(3, 2, 48, 64, 7, 11)));
        Files.writeString(dir.resolve("synth.json"), "{\"truncated");
        assertFalse(SynthWriter.isComplete(dir, SPEC));
    }

    @Test
    void aFailingSceneIsNamedAndNoManifestIsWritten() throws IOException {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir.resolve("depth/00002.npy/blocker")); // a non-empty folder cannot be replaced
        IOException e = assertThrows(IOException.class,
                () -> new SynthWriter().write(SPEC, dir, 2, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("00002"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("synth.json")));
        assertFalse(SynthWriter.isComplete(dir, SPEC));
    }

    @Test
    void specIsValidatedAndNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SynthSpec(1, 0, 8, 64, 8, 1));
        assertTrue(e.getMessage().startsWith("synth.height"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(1, 0, 16, 16, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(0, 1, 16, 16, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new SynthSpec(1, -1, 16, 16, 4, 1));
        List<String> names = new SynthSpec(1, 0, 16, 16, 30, 1).classNames();
        assertEquals(List.of("floor", "wall", "ceiling", "cabinet", "ball", "bin"), names.subList(0, 6));
        assertEquals(30, names.stream().distinct().count(), "names are unique");
    }
}
