package org.hirmtl.data.pascal;

import org.hirmtl.api.data.DenseMap;

/**
 * PASCAL-Context boundaries as MTI-Net, ATRC and InvPT make them from a {@code LabelMap}: pixels where OpenCV's
 * Laplacian of the label map ({@code cv2.Laplacian}, 3×3 kernel {@code [[0,1,0],[1,−4,1],[0,1,0]]}, borders mirrored
 * without repeating the edge pixel — {@code BORDER_REFLECT_101}) is not 0, thinned to one pixel with
 * scikit-image's {@code morphology.thin} (Guo–Hall's two-subiteration thinning, the image surrounded by 0).
 */
public final class ContextEdges {
    /** skimage's neighbour weights: bit 0 = east, then counter-clockwise (NE, N, NW, W, SW, S), bit 7 = south-east. */
    private static final int[][] WEIGHTS = {{8, 4, 2}, {16, 0, 1}, {32, 64, 128}};
    private static final boolean[] FIRST = new boolean[256];
    private static final boolean[] SECOND = new boolean[256];

    static {
        for (int n = 0; n < 256; n++) {
            boolean[] b = new boolean[8];
            for (int i = 0; i < 8; i++) {
                b[i] = (n >> i & 1) == 1;
            }
            int s = 0;
            for (int i = 0; i < 8; i += 2) {
                if (!b[i] && (b[i + 1] || b[(i + 2) % 8])) {
                    s++;
                }
            }
            boolean g1 = s == 1;
            int n1 = 0;
            int n2 = 0;
            for (int k = 1; k < 8; k += 2) {
                n1 += b[k] || b[k - 1] ? 1 : 0;
                n2 += b[k] || b[(k + 1) % 8] ? 1 : 0;
            }
            int m = Math.min(n1, n2);
            boolean g2 = m == 2 || m == 3;
            boolean g3 = !((b[1] || b[2] || !b[7]) && b[0]);
            boolean g3p = !((b[5] || b[6] || !b[3]) && b[4]);
            FIRST[n] = g1 && g2 && g3;
            SECOND[n] = g1 && g2 && g3p;
        }
    }

    private ContextEdges() {
    }

    /**
     * The boundary target of a label map.
     *
     * @param labels row-major {@code h × w} class ids
     * @return a 1-channel map, 1 on boundaries and 0 elsewhere
     */
    public static DenseMap fromLabels(int[] labels, int h, int w) {
        boolean[] edge = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long v = -4L * labels[y * w + x] + labels[reflect(y - 1, h) * w + x]
                        + labels[reflect(y + 1, h) * w + x] + labels[y * w + reflect(x - 1, w)]
                        + labels[y * w + reflect(x + 1, w)];
                edge[y * w + x] = v != 0;
            }
        }
        thin(edge, h, w);
        float[] out = new float[h * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = edge[i] ? 1f : 0f;
        }
        return new DenseMap(1, h, w, out);
    }

    /** OpenCV's BORDER_REFLECT_101: {@code -1 → 1}, {@code n → n − 2}; a side of 1 pixel maps to itself. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * n - 2 - i : i;
    }

    /** scikit-image's {@code thin} (no iteration limit), in place. */
    static void thin(boolean[] skel, int h, int w) {
        int[] code = new int[h * w];
        int before = count(skel);
        while (true) {
            for (boolean[] lut : new boolean[][] {FIRST, SECOND}) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int c = 0;
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int yy = y + dy;
                                int xx = x + dx;
                                if ((dy != 0 || dx != 0) && yy >= 0 && yy < h && xx >= 0 && xx < w
                                        && skel[yy * w + xx]) {
                                    c += WEIGHTS[dy + 1][dx + 1];
                                }
                            }
                        }
                        code[y * w + x] = c;
                    }
                }
                for (int i = 0; i < skel.length; i++) {
                    if (lut[code[i]]) {
                        skel[i] = false;
                    }
                }
            }
            int after = count(skel);
            if (after == before) {
                return;
            }
            before = after;
        }
    }

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
