package org.hirmtl.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder with mixed sizes, formats and a corrupt file: every image predicted, the rest skipped and reported. */
class PredictJobTest {
    @TempDir
    Path tmp;

    /** Writes a folder of test inputs: JPEG, 8-bit grey PNG, 16-bit PNG, RGB PNG of several sizes, junk. */
    static void writeInputs(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Images.writeJpeg(dir.resolve("a.jpg"), Images.fromRgb(PredictorTest.image(32, 64, 1)), 0.9f);
        Images.writePng(dir.resolve("sub/b.png"), Images.fromRgb(PredictorTest.image(45, 70, 2)));
        int[] grey = new int[30 * 40];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = i % 256;
        }
        Images.writeGray8(dir.resolve("sub/grey8.png"), 30, 40, grey);
        int[] wide = new int[33 * 21];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = (i * 97) % 65536;
        }
        Images.writeGray16(dir.resolve("grey16.png"), 33, 21, wide);
        byte[] jpeg = Files.readAllBytes(dir.resolve("a.jpg"));
        Files.write(dir.resolve("corrupt.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(dir.resolve("readme.txt"), "not an image");
        org.hirmtl.data.io.ImagesTest.writeCmykJpeg(dir.resolve("cmyk.jpg"));
    }

    private PredictJob.Summary run(Path in, Path out, List<String> skipped) throws Exception {
        var p = PredictorTest.predictor(PredictorTest.dl4j, InputSize.MODEL);
        var w = new PredictionWriter(out, EnumSet.allOf(PredictionWriter.Output.class), PredictorTest.tasks,
                PredictorTest.config.tasks(), Map.of());
        return new PredictJob(p, w, out, Map.of("checkpoint", "test")).run(Inputs.collect(List.of(in.toString()),
                Path.of("")), 3, new PredictJob.Listener() {
                    @Override
                    public void predicted(Inputs.Input input) {
                    }

                    @Override
                    public void skipped(Inputs.Input input, String reason) {
                        skipped.add(input.file().getFileName() + ": " + reason);
                    }

                    @Override
                    public void warned(Inputs.Input input, String warning) {
                        skipped.add("warned " + input.file().getFileName() + ": " + warning);
                    }
                });
    }

    @Test
    void predictsEveryImageSkipsTheRestAndIsByteIdenticalOnARerun() throws Exception {
        PredictorTest.build();
        Path in = tmp.resolve("in");
        writeInputs(in);
        List<String> skipped = new ArrayList<>();
        PredictJob.Summary s = run(in, tmp.resolve("out"), skipped);
        assertEquals(5, s.predicted(), "a CMYK JPEG without a profile is predicted: " + skipped);
        assertEquals(2, s.skipped().size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("warned cmyk.jpg: No embedded ICC"), skipped.toString());
        assertTrue(skipped.get(1).startsWith("corrupt.jpg: "), skipped.toString());
        assertTrue(skipped.get(2).startsWith("readme.txt: not an image"), skipped.toString());

        Path out = tmp.resolve("out");
        DenseMap depth = Npy.readMap(out.resolve("sub/b/depth.npy"));
        assertEquals(45, depth.height());
        assertEquals(70, depth.width());
        assertEquals(List.of(33, 21, 3), shape(out.resolve("grey16/normals.npy")));
        BufferedImage ids = Images.read(out.resolve("sub/grey8/semseg_ids.png"));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, ids.getType());
        assertEquals(40, ids.getWidth());
        BufferedImage panel = Images.read(out.resolve("a/panel.png"));
        assertTrue(panel.getWidth() > 3 * 64 && panel.getHeight() > 2 * 32);

        JsonNode index = new ObjectMapper().readTree(out.resolve(PredictJob.INDEX).toFile());
        assertEquals(5, index.get("predicted").asInt());
        assertEquals(2, index.get("skipped").size());
        assertEquals("a", index.get("images").get(0).get("name").asText());
        assertEquals(9, index.get("images").get(0).get("files").size()); // 4 pictures, 4 raw, 1 panel
        assertTrue(index.get("images").get(0).get("tasks").get("depth").has("range"));

        Path out2 = tmp.resolve("out2");
        run(in, out2, new ArrayList<>());
        try (var files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals(PredictJob.INDEX)) {
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(out2.resolve(out.relativize(f))),
                            "byte-identical: " + out.relativize(f));
                }
            }
        }
    }

    @Test
    void nothingPredictableMeansZeroPredicted() throws Exception {
        PredictorTest.build();
        Path in = tmp.resolve("junk");
        Files.createDirectories(in);
        Files.writeString(in.resolve("x.png"), "no png");
        List<String> skipped = new ArrayList<>();
        PredictJob.Summary s = run(in, tmp.resolve("o"), skipped);
        assertEquals(0, s.predicted());
        assertEquals(1, s.skipped().size());
        assertFalse(Files.exists(tmp.resolve("o/x")));
    }

    private static List<Integer> shape(Path npy) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int d : Npy.shape(npy)) {
            out.add(d);
        }
        return out;
    }
}
