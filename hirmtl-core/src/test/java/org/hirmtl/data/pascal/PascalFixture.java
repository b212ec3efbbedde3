package org.hirmtl.data.pascal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Images;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * A tiny PASCAL_MT dataset in the exact on-disk layout, its {@code .mat} files written through the same MAT-File
 * Library the reader uses: a person with head/torso/hand parts and a chair in the first image's PASCAL-Part file, a
 * part file with only a chair for the second, none for the others; a two-region PASCAL-Context LabelMap per image.
 */
public final class PascalFixture {
    private PascalFixture() {
    }

    public static Path write(Path root, int h, int w, List<String> train, List<String> val) throws IOException {
        for (String d : List.of("JPEGImages", "ImageSets/Context", "semseg/pascal-context", "human_parts",
                "sal_distill", "normals_distill", "pascal-context/trainval")) {
            Files.createDirectories(root.resolve(d));
        }
        List<String> all = new ArrayList<>(train);
        all.addAll(val);
        Random r = new Random(5);
        for (int k = 0; k < all.size(); k++) {
            String id = all.get(k);
            DenseMap rgb = DenseMap.zeros(3, h, w);
            for (int i = 0; i < rgb.data().length; i++) {
                rgb.data()[i] = r.nextFloat();
            }
            Images.writeJpeg(root.resolve("JPEGImages/" + id + ".jpg"), Images.fromRgb(rgb), 0.95f);
            int[] seg = new int[h * w];
            int[] sal = new int[h * w];
            for (int i = 0; i < seg.length; i++) {
                seg[i] = i % w < w / 2 ? 0 : 15;
                sal[i] = seg[i] == 15 ? 255 : 0;
            }
            seg[0] = 255;
            Images.writeGray8(root.resolve("semseg/pascal-context/" + id + ".png"), h, w, seg);
            Images.writeGray8(root.resolve("sal_distill/" + id + ".png"), h, w, sal);
            BufferedImage normals = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    normals.setRGB(x, y, (128 << 16) | (128 << 8) | 255);
                }
            }
            Images.writePng(root.resolve("normals_distill/" + id + ".png"), normals);
            writeLabelMap(root.resolve("pascal-context/trainval/" + id + ".mat"), h, w, k);
            if (k < 2) {
                writeParts(root.resolve("human_parts/" + id + ".mat"), h, w, k == 0);
            }
        }
        Files.write(root.resolve("ImageSets/Context/train.txt"), train);
        Files.write(root.resolve("ImageSets/Context/val.txt"), val);
        return root;
    }

    private static Matrix mask(int h, int w, int y0, int y1, int x0, int x1) {
        Matrix m = Mat5.newMatrix(h, w, us.hebi.matlab.mat.types.MatlabType.UInt8);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m.setInt(y, x, 1);
            }
        }
        return m;
    }

    /** An {@code anno} struct: a chair, and (if {@code person}) a person with head, torso and left hand parts. */
    static void writeParts(Path file, int h, int w, boolean person) throws IOException {
        int n = person ? 2 : 1;
        Struct objects = Mat5.newStruct(1, n);
        objects.set("class", 0, Mat5.newString("chair"));
        objects.set("class_ind", 0, Mat5.newScalar(9));
        objects.set("mask", 0, mask(h, w, 0, h / 2, 0, w / 4));
        objects.set("parts", 0, Mat5.newStruct(0, 0));
        if (person) {
            objects.set("class", 1, Mat5.newString("person"));
            objects.set("class_ind", 1, Mat5.newScalar(PascalMat.PERSON));
            objects.set("mask", 1, mask(h, w, 0, h, w / 2, w));
            Struct parts = Mat5.newStruct(1, 3);
            parts.set("part_name", 0, Mat5.newString("head"));
            parts.set("mask", 0, mask(h, w, 0, h / 4, w / 2, w));
            parts.set("part_name", 1, Mat5.newString("torso"));
            parts.set("mask", 1, mask(h, w, h / 4, h / 2, w / 2, w));
            parts.set("part_name", 2, Mat5.newString("lhand"));
            parts.set("mask", 2, mask(h, w, h / 2, h, w / 2, w / 2 + 2));
            objects.set("parts", 1, parts);
        }
        Struct anno = Mat5.newStruct();
        anno.set("imname", Mat5.newString(file.getFileName().toString()));
        anno.set("objects", objects);
        try (Mat5File mat = Mat5.newMatFile()) {
            mat.addArray("anno", anno);
            Mat5.writeToFile(mat, file.toFile());
        }
    }

    /** A LabelMap with two regions split at a column that depends on {@code k}. */
    static void writeLabelMap(Path file, int h, int w, int k) throws IOException {
        Matrix m = Mat5.newMatrix(h, w, us.hebi.matlab.mat.types.MatlabType.UInt16);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m.setInt(y, x, x < w / 3 + k ? 33 : 59);
            }
        }
        try (Mat5File mat = Mat5.newMatFile()) {
            mat.addArray("LabelMap", m);
            Mat5.writeToFile(mat, file.toFile());
        }
    }
}
