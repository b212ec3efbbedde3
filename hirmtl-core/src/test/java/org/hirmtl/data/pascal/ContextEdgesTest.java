package org.hirmtl.data.pascal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.hirmtl.DebianPython;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.data.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boundaries from label maps equal what cv2.Laplacian + skimage.morphology.thin give (where they are installed). */
class ContextEdgesTest {
    @TempDir
    Path tmp;

    /** Rectangles and discs of random classes on a background: boundaries of many shapes, touching and nested. */
    static int[] scene(int h, int w, long seed) {
        Random r = new Random(seed);
        int[] l = new int[h * w];
        for (int s = 0; s < 9; s++) {
            int cls = r.nextInt(60);
            int cy = r.nextInt(h);
            int cx = r.nextInt(w);
            int ry = 2 + r.nextInt(h / 3);
            int rx = 2 + r.nextInt(w / 3);
            boolean disc = r.nextBoolean();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dy = (y - cy) / (double) ry;
                    double dx = (x - cx) / (double) rx;
                    if (disc ? dy * dy + dx * dx <= 1 : Math.abs(dy) <= 1 && Math.abs(dx) <= 1) {
                        l[y * w + x] = cls;
                    }
                }
            }
        }
        return l;
    }

    @Test
    void aStraightBoundaryIsOnePixelWide() {
        int h = 6;
        int w = 8;
        int[] l = new int[h * w];
        for (int i = 0; i < l.length; i++) {
            l[i] = i % w < 4 ? 1 : 7;
        }
        DenseMap e = ContextEdges.fromLabels(l, h, w);
        for (int y = 1; y < h - 1; y++) {
            float row = 0;
            for (int x = 0; x < w; x++) {
                row += e.get(0, y, x);
            }
            assertEquals(1f, row, "row " + y + ": one boundary pixel");
        }
    }

    @Test
    void equalsOpenCvLaplacianAndScikitImageThin() throws Exception {
        DebianPython.assumeModules("cv2, skimage.morphology");
        for (long seed = 1; seed <= 4; seed++) {
            int h = 37 + (int) seed;
            int w = 53;
            int[] l = scene(h, w, seed);
            float[] f = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                f[i] = l[i];
            }
            Path in = tmp.resolve("labels" + seed + ".npy");
            Path out = tmp.resolve("edges" + seed + ".npy");
            Npy.writeHw(in, new DenseMap(1, h, w, f));
            DebianPython.run("-c", String.join("\n",
                    "import sys, numpy as np, cv2",
                    "from skimage.morphology import thin",
                    "lab = np.load(sys.argv[1]).astype(np.float64)",
                    "e = cv2.Laplacian(lab, cv2.CV_64F)",
                    "np.save(sys.argv[2], thin(np.abs(e) > 0).astype(np.float32))"), in.toString(), out.toString());
            DenseMap want = Npy.readMap(out);
            DenseMap got = ContextEdges.fromLabels(l, h, w);
            int differ = 0;
            for (int i = 0; i < l.length; i++) {
                differ += want.data()[i] != got.data()[i] ? 1 : 0;
            }
            assertEquals(0, differ, "seed " + seed + ": pixels that differ from cv2 + skimage");
        }
    }
}
