package org.hirmtl.data.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hirmtl.data.io.AtomicFiles;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.io.Npy;

/** The NYUD_MT files of one scene, each written to a temporary name and renamed into place. */
final class SceneFiles {
    static final String IMAGES = "images";
    static final String SEGMENTATION = "segmentation";
    static final String DEPTH = "depth";
    static final String NORMALS = "normals";
    static final String EDGE = "edge";
    static final String SALIENCY = "saliency";
    static final String GT_SETS = "gt_sets";
    static final List<String> FOLDERS = List.of(IMAGES, SEGMENTATION, DEPTH, NORMALS, EDGE, SALIENCY, GT_SETS);
    static final float JPEG_QUALITY = 0.95f;

    /** Writes a file's content to a temporary path. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private SceneFiles() {
    }

    /** Writes all files of {@code scene} under {@code root} with file id {@code id}. */
    static void write(Path root, String id, Scene s) throws IOException {
        int h = s.height();
        int w = s.width();
        int[] seg = new int[h * w];
        int[] sal = new int[h * w];
        float[] saliency = s.saliency().data();
        for (int p = 0; p < seg.length; p++) {
            seg[p] = s.classes()[p] + 1;
            sal[p] = saliency[p] > 0.5f ? 255 : 0;
        }
        atomic(root.resolve(IMAGES).resolve(id + ".jpg"),
                tmp -> Images.writeJpeg(tmp, Images.fromRgb(s.rgb()), JPEG_QUALITY));
        atomic(root.resolve(SEGMENTATION).resolve(id + ".png"), tmp -> Images.writeGray8(tmp, h, w, seg));
        atomic(root.resolve(DEPTH).resolve(id + ".npy"), tmp -> Npy.writeHw(tmp, s.depth()));
        atomic(root.resolve(NORMALS).resolve(id + ".npy"), tmp -> Npy.writeHwc(tmp, s.normals()));
        atomic(root.resolve(EDGE).resolve(id + ".npy"), tmp -> Npy.writeHw(tmp, s.edge()));
        atomic(root.resolve(SALIENCY).resolve(id + ".png"), tmp -> Images.writeGray8(tmp, h, w, sal));
    }

    /** Writes {@code target} through a temporary sibling and an atomic rename; never leaves a partial file. */
    static void atomic(Path target, Content content) throws IOException {
        AtomicFiles.write(target, content::writeTo);
    }
}
