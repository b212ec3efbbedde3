package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;

/** Tiny hand-made datasets in the NYUD_MT and NYUDv2 layouts, written into a test's temporary folder. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Writes a NYUD_MT dataset with the given train and val ids, images {@code h × w}. */
    public static Path nyudMt(Path root, int h, int w, List<String> train, List<String> val) throws IOException {
        for (String d : List.of("images", "segmentation", "depth", "normals", "edge", "gt_sets")) {
            Files.createDirectories(root.resolve(d));
        }
        Random r = new Random(3);
        for (String id : concat(train, val)) {
            DenseMap rgb = DenseMap.zeros(3, h, w);
            for (int i = 0; i < rgb.data().length; i++) {
                rgb.data()[i] = r.nextFloat();
            }
            Images.writeJpeg(root.resolve("images/" + id + ".jpg"), Images.fromRgb(rgb), 0.95f);
            int[] seg = new int[h * w];
            for (int i = 0; i < seg.length; i++) {
                seg[i] = i % 41; // 0 = unlabelled, 1..40
            }
            Images.writeGray8(root.resolve("segmentation/" + id + ".png"), h, w, seg);
            DenseMap depth = DenseMap.zeros(1, h, w);
            for (int i = 0; i < depth.data().length; i++) {
                depth.data()[i] = i % 7 == 0 ? 0f : 1f + i * 0.01f;
            }
            Npy.writeHw(root.resolve("depth/" + id + ".npy"), depth);
            DenseMap normals = DenseMap.zeros(3, h, w);
            for (int p = 0; p < h * w; p++) {
                normals.set(2, p / w, p % w, p % 5 == 0 ? 0f : 1f);
            }
            Npy.writeHwc(root.resolve("normals/" + id + ".npy"), normals);
            DenseMap edge = DenseMap.zeros(1, h, w);
            for (int x = 0; x < w; x++) {
                edge.set(0, h / 2, x, 1f);
            }
            Npy.writeHw(root.resolve("edge/" + id + ".npy"), edge);
        }
        Files.write(root.resolve("gt_sets/train.txt"), train);
        Files.write(root.resolve("gt_sets/val.txt"), val);
        return root;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
