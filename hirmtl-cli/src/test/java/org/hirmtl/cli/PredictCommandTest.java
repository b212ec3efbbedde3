package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hirmtl predict} and {@code hirmtl export --format bundle}: a folder with mixed sizes and a corrupt file,
 * the bundle round trip (same arrays as from the checkpoint), and the exit codes.
 */
class PredictCommandTest {
    @TempDir
    static Path tmp;
    static Path run;
    static Path photos;

    @BeforeAll
    static void trainAndMakePhotos() throws Exception {
        run = tmp.resolve("run");
        Cli t = Cli.run("-q", "train", "--epochs", "1", "--out", run.toString(),
                "--set", "data.root=" + tmp.resolve("synth"), "--set", "data.image_size=64x64",
                "--set", "data.synth.size=64x64", "--set", "data.synth.train=8", "--set", "data.synth.val=4",
                "--set", "data.synth.classes=6", "--set", "tasks.semseg.options.classes=6",
                "--set", "model.backbone.widths=[8,8,16,16]", "--set", "model.stf.channels=8",
                "--set", "model.head.channels=8", "--set", "train.batch_size=4");
        assertEquals(0, t.code(), t.toString());
        photos = tmp.resolve("photos");
        Files.createDirectories(photos.resolve("more"));
        var scene = Images.read(tmp.resolve("synth/images/00000.jpg"));
        Files.copy(tmp.resolve("synth/images/00001.jpg"), photos.resolve("scene.jpg"));
        Images.writePng(photos.resolve("more/wide.png"), resized(scene, 150, 97));
        Images.writeJpeg(photos.resolve("more/small.jpg"), resized(scene, 40, 50), 0.9f);
        byte[] jpeg = Files.readAllBytes(photos.resolve("scene.jpg"));
        Files.write(photos.resolve("broken.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.writeString(photos.resolve("more/notes.txt"), "hello");
    }

    private static java.awt.image.BufferedImage resized(java.awt.image.BufferedImage img, int w, int h) {
        var out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Test
    void predictsAFolderOfMixedSizesSkippingWhatIsNotAnImage() throws Exception {
        Path out = tmp.resolve("pred");
        Cli r = Cli.run("predict", "--checkpoint", run.toString(), photos.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("predicted 3 images (2 skipped)"), r.out());
        assertTrue(r.err().contains("warning: skipped " + photos.resolve("broken.jpg")), r.err());
        assertTrue(r.err().contains("warning: skipped " + photos.resolve("more/notes.txt")), r.err());
        assertEquals(97, Npy.readMap(out.resolve("more/wide/depth.npy")).height());
        assertEquals(150, Npy.readMap(out.resolve("more/wide/depth.npy")).width());
        assertEquals(50, Images.read(out.resolve("more/small/semseg_ids.png")).getHeight());
        assertTrue(Files.exists(out.resolve("scene/panel.png")));
        assertTrue(Files.exists(out.resolve("scene/normals.png")));
        JsonNode index = new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        assertEquals(3, index.get("predicted").asInt());
        assertEquals("model", index.get("input_size").asText());
    }

    @Test
    void optionsSelectTasksOutputsAndSize() throws Exception {
        Path out = tmp.resolve("some");
        Cli r = Cli.run("-q", "predict", "--checkpoint", run.toString(), photos.resolve("more").toString() + "/*.png",
                "--out", out.toString(), "--tasks", "depth,edge", "--save", "npy", "--keep-size", "--batch", "1");
        assertEquals(0, r.code(), r.toString());
        try (var s = Files.list(out.resolve("wide"))) {
            assertEquals(java.util.List.of("depth.npy", "edge.npy"), s.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
        JsonNode index = new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        assertEquals("[128,160]", index.get("images").get(0).get("network_size").toString());
    }

    @Test
    void theBundleRoundTripGivesTheSameArrays() throws Exception {
        Path bundle = tmp.resolve("model.hirmtl");
        Cli e = Cli.run("export", "--checkpoint", run.toString(), "--format", "bundle", "-o", bundle.toString());
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.out().contains("wrote inference bundle"), e.out());
        assertTrue(Files.size(bundle) < Files.size(run.resolve("last.zip")), "no optimiser state");
        Path a = tmp.resolve("from-ckpt");
        Path b = tmp.resolve("from-bundle");
        assertEquals(0, Cli.run("-q", "predict", "--checkpoint", run.toString(), photos.resolve("scene.jpg").toString(),
                "--out", a.toString()).code());
        Cli pb = Cli.run("-q", "predict", "--checkpoint", bundle.toString(), photos.resolve("scene.jpg").toString(),
                "--out", b.toString());
        assertEquals(0, pb.code(), pb.toString());
        for (String f : new String[] {"depth.npy", "normals.npy", "edge.npy", "saliency.npy", "semseg_ids.png",
                "semseg.png", "panel.png"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve("scene").resolve(f)),
                    Files.readAllBytes(b.resolve("scene").resolve(f)), f);
        }
        Cli ev = Cli.run("-q", "eval", "--checkpoint", bundle.toString(), "--format", "json");
        assertEquals(0, ev.code(), ev.toString());
        Path copy = tmp.resolve("copied-run");
        Files.createDirectories(copy);
        Files.copy(bundle, copy.resolve("last.zip"));
        Cli resume = Cli.run("-q", "train", "--resume", "--out", copy.toString());
        assertEquals(2, resume.code(), resume.toString());
        assertTrue(resume.err().contains("inference bundle"), resume.err());
    }

    @Test
    void onnxExportIsVerifiedByOnnxRuntime() throws Exception {
        Path onnx = tmp.resolve("model.onnx");
        Cli r = Cli.run("export", "--checkpoint", run.toString(), "--format", "onnx", "-o", onnx.toString(),
                "--verify-images", photos.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("ONNX opset 13"), r.out());
        assertTrue(r.out().contains("verified with ONNX Runtime 1.28.0"), r.out());
        assertTrue(r.out().contains("real images (3 from"), r.out());
        assertEquals(5 * 2, r.out().lines().filter(l -> l.trim().endsWith(" ok")).count(), r.out());
        assertTrue(Files.size(onnx) > 100_000);

        Cli strict = Cli.run("-q", "export", "--checkpoint", run.toString(), "--format", "onnx", "-o",
                tmp.resolve("strict.onnx").toString(), "--tolerance", "1e-12", "--rtol", "0");
        assertEquals(1, strict.code(), strict.toString());
        assertTrue(strict.err().contains("differ from DL4J's by more than 1.0E-12 + 0.0 * |DL4J|"), strict.err());
        assertTrue(strict.out().contains("FAILED"), strict.out());

        Cli quick = Cli.run("-q", "export", "--checkpoint", run.toString(), "--format", "onnx", "-o",
                tmp.resolve("quick.onnx").toString(), "--no-verify");
        assertEquals(0, quick.code(), quick.toString());
        assertEquals("", quick.out());
    }

    @Test
    void exitCodes() throws Exception {
        Path junk = tmp.resolve("junk");
        Files.createDirectories(junk);
        Files.writeString(junk.resolve("a.jpg"), "not a jpeg");
        Cli none = Cli.run("-q", "predict", "--checkpoint", run.toString(), junk.toString(), "--out",
                tmp.resolve("j").toString());
        assertEquals(1, none.code(), none.toString());
        assertTrue(none.err().contains("no image could be predicted"), none.err());

        Cli missing = Cli.run("-q", "predict", "--checkpoint", run.toString(), tmp.resolve("nope.jpg").toString());
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());

        Cli size = Cli.run("-q", "predict", "--checkpoint", run.toString(), "--size", "50x64", photos.toString());
        assertEquals(2, size.code(), size.toString());
        assertTrue(size.err().contains("not a multiple of the backbone's largest stride 32"), size.err());

        Cli task = Cli.run("-q", "predict", "--checkpoint", run.toString(), "--tasks", "parts", photos.toString());
        assertEquals(2, task.code(), task.toString());

        Cli save = Cli.run("-q", "predict", "--checkpoint", run.toString(), "--save", "gif", photos.toString());
        assertEquals(2, save.code(), save.toString());
        assertTrue(save.err().contains("--save: unknown 'gif'"), save.err());

        Cli fmt = Cli.run("-q", "export", "--checkpoint", run.toString(), "--format", "tflite", "-o", "x");
        assertEquals(2, fmt.code(), fmt.toString());
        Cli badSize = Cli.run("-q", "predict", "--checkpoint", run.toString(), photos.toString(), "--size", "keep");
        assertEquals(2, badSize.code(), badSize.toString());
        assertTrue(badSize.err().contains("'keep' is not a size HxW with positive integers, e.g. 128x160")
                && !badSize.err().contains("Exception"), "one plain line: " + badSize.err());
    }
}
