package org.hirmtl.data.nyud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NyudV2DatasetFactoryTest {
    @TempDir
    Path tmp;

    @Test
    void decodesPngNormalsAndEdges() throws Exception {
        for (String d : List.of("images", "segmentation", "depth", "normals", "edge", "gt_sets")) {
            Files.createDirectories(tmp.resolve(d));
        }
        BufferedImage rgb = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0xff8000);
        Images.writePng(tmp.resolve("images/x.png"), rgb);
        Images.writeGray8(tmp.resolve("segmentation/x.png"), 2, 4, new int[] {0, 1, 2, 40, 0, 0, 0, 0});
        Npy.writeHw(tmp.resolve("depth/x.npy"), DenseMap.zeros(1, 2, 4));
        BufferedImage normals = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        normals.setRGB(0, 0, (128 << 16) | (128 << 8) | 255); // ~ (0, 0, 1)
        normals.setRGB(1, 0, 0);                               // black = invalid
        Images.writePng(tmp.resolve("normals/x.png"), normals);
        Images.writeGray8(tmp.resolve("edge/x.png"), 2, 4, new int[] {255, 0, 0, 0, 0, 0, 0, 255});
        Files.write(tmp.resolve("gt_sets/val.txt"), List.of("x"));

        NyudV2DatasetFactory f = new NyudV2DatasetFactory();
        assertTrue(f.recognises(tmp));
        Dataset d = f.open(tmp);
        Sample s = d.load("x", d.tasks());
        assertEquals(1f, s.image().get(0, 0, 1), 1e-6);
        assertEquals(128f / 255f, s.image().get(1, 0, 1), 1e-6);
        DenseMap n = s.target("normals");
        assertEquals(2 * 128 / 255f - 1, n.get(0, 0, 0), 1e-6);
        assertEquals(1f, n.get(2, 0, 0), 1e-6);
        assertEquals(0f, n.get(0, 0, 1));
        assertEquals(0f, n.get(2, 0, 1));
        assertEquals(1f, s.target("edge").get(0, 0, 0), 1e-6);
        assertEquals(0f, s.target("edge").get(0, 0, 1), 1e-6);
        assertEquals(255f, s.target("semseg").get(0, 0, 0));
        assertEquals(39f, s.target("semseg").get(0, 0, 3));
    }
}
