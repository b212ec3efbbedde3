package org.hirmtl.data.pascal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * The {@code .mat} targets of PASCAL_MT, read with the MAT-File Library ({@code us.hebi.matlab.mat:mfl-core}): the
 * PASCAL-Context {@code LabelMap} (edges come from it) and the PASCAL-Part {@code anno} structs (human parts).
 */
public final class PascalMat {
    /** PASCAL VOC's class index of {@code person}. */
    static final int PERSON = 15;

    /**
     * PASCAL-Part's part names → the anchors' 6 human parts: 1 head, 2 torso, 3 upper arms, 4 lower arms (hands
     * included), 5 upper legs, 6 lower legs (feet included); 0 is background. The mapping of MTI-Net, ATRC and InvPT.
     */
    static final Map<String, Integer> HUMAN_PARTS = Map.ofEntries(
            Map.entry("hair", 1), Map.entry("head", 1), Map.entry("lear", 1), Map.entry("lebrow", 1),
            Map.entry("leye", 1), Map.entry("mouth", 1), Map.entry("nose", 1), Map.entry("rear", 1),
            Map.entry("rebrow", 1), Map.entry("reye", 1), Map.entry("neck", 2), Map.entry("torso", 2),
            Map.entry("luarm", 3), Map.entry("ruarm", 3), Map.entry("llarm", 4), Map.entry("rlarm", 4),
            Map.entry("lhand", 4), Map.entry("rhand", 4), Map.entry("luleg", 5), Map.entry("ruleg", 5),
            Map.entry("llleg", 6), Map.entry("rlleg", 6), Map.entry("lfoot", 6), Map.entry("rfoot", 6));

    private PascalMat() {
    }

    /** The {@code LabelMap} of a PASCAL-Context annotation, as a 1-channel map of class ids. */
    public static DenseMap labelMap(Path file) throws IOException {
        try (Mat5File mat = open(file)) {
            Matrix m = mat.getMatrix("LabelMap");
            int h = m.getNumRows();
            int w = m.getNumCols();
            float[] v = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[y * w + x] = m.getInt(y, x);
                }
            }
            return new DenseMap(1, h, w, v);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new DataFormatException(file, "no numeric LabelMap (" + e.getMessage() + ")");
        }
    }

    /** PASCAL-Context boundaries of a {@code LabelMap} file ({@link ContextEdges}). */
    public static DenseMap edges(Path file) throws IOException {
        DenseMap labels = labelMap(file);
        int[] ids = new int[labels.pixels()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) labels.data()[i];
        }
        return ContextEdges.fromLabels(ids, labels.height(), labels.width());
    }

    /**
     * The human-parts target of a PASCAL-Part annotation ({@code anno.objects(i).class_ind, mask, parts(j).part_name,
     * parts(j).mask}): every part of every person painted with its part id over background 0. An image with no
     * person that has parts is all 255 (ignored), as the anchors treat it.
     */
    public static DenseMap humanParts(Path file) throws IOException {
        try (Mat5File mat = open(file)) {
            Struct anno = mat.getStruct("anno");
            Struct objects = anno.getStruct("objects");
            int n = objects.getNumElements();
            float[] target = null;
            int h = 0;
            int w = 0;
            for (int i = 0; i < n; i++) {
                Matrix mask = objects.getMatrix("mask", i);
                if (target == null) {
                    h = mask.getNumRows();
                    w = mask.getNumCols();
                }
                Struct parts = objects.getStruct("parts", i);
                if (objects.getMatrix("class_ind", i).getInt(0) != PERSON || parts.getNumElements() == 0) {
                    continue;
                }
                if (target == null) {
                    target = new float[h * w];
                }
                for (int j = 0; j < parts.getNumElements(); j++) {
                    String name = parts.getChar("part_name", j).getString();
                    Integer id = HUMAN_PARTS.get(name);
                    if (id == null) {
                        throw new DataFormatException(file, "unknown human part '" + name + "' (known: "
                                + String.join(", ", new java.util.TreeSet<>(HUMAN_PARTS.keySet())) + ")");
                    }
                    Matrix pm = parts.getMatrix("mask", j);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            if (pm.getInt(y, x) != 0) {
                                target[y * w + x] = id;
                            }
                        }
                    }
                }
            }
            if (n == 0) {
                throw new DataFormatException(file, "anno.objects is empty: the image size is unknown");
            }
            if (target == null) {
                target = new float[h * w];
                Arrays.fill(target, TargetKind.IGNORE);
            }
            return new DenseMap(1, h, w, target);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new DataFormatException(file, "not a PASCAL-Part annotation (anno.objects with class_ind, mask, "
                    + "parts): " + e.getMessage());
        }
    }

    private static Mat5File open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "not a readable MATLAB .mat file (" + e.getMessage() + ")");
        }
    }
}
