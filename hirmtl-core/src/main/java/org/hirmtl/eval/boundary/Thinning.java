package org.hirmtl.eval.boundary;

import java.util.Arrays;

/**
 * Morphological thinning to 1-pixel-wide strokes, equivalent to MATLAB's {@code bwmorph(B, 'thin', Inf)}.
 *
 * <p>The algorithm is the two-subiteration parallel thinning of Guo and Hall (1989) with the conditions as given by
 * Lam, Lee and Suen, "Thinning methodologies — a comprehensive survey", PAMI 14(9), 1992, p. 879, which is what
 * MATLAB (and scikit-image's {@code thin}) implement. With the neighbours of {@code p} numbered counter-clockwise
 * from the east, {@code x1 = E, x2 = NE, x3 = N, x4 = NW, x5 = W, x6 = SW, x7 = S, x8 = SE} ({@code x9 = x1}):
 * <ul>
 *   <li>G1: {@code X_H(p) = 1}, where {@code X_H = Σ_{i=1..4} b_i}, {@code b_i = 1} iff {@code x_{2i-1} = 0} and
 *       ({@code x_{2i} = 1} or {@code x_{2i+1} = 1});</li>
 *   <li>G2: {@code 2 <= min(n1, n2) <= 3}, {@code n1 = Σ_{k=1..4} x_{2k-1} ∨ x_{2k}},
 *       {@code n2 = Σ_{k=1..4} x_{2k} ∨ x_{2k+1}};</li>
 *   <li>G3 (first subiteration): {@code (x2 ∨ x3 ∨ ¬x8) ∧ x1 = 0};</li>
 *   <li>G3' (second subiteration): {@code (x6 ∨ x7 ∨ ¬x4) ∧ x5 = 0}.</li>
 * </ul>
 * Each subiteration deletes, in parallel over the whole image, every foreground pixel that satisfies G1, G2 and
 * its G3; pixels outside the image count as background (MATLAB's {@code bwlookup} pads with zeros). Both
 * subiterations repeat until an iteration deletes nothing.
 *
 * <p>Only foreground pixels with a background 4-neighbour can satisfy G1, and a pixel's fate changes only when its
 * neighbourhood does, so each subiteration examines a list of border pixels (updated from the neighbours of the
 * pixels it deletes) instead of scanning the whole image: the result is the same as the full parallel scan, at a
 * cost proportional to the pixels deleted and their neighbours. An instance keeps its buffers for reuse
 * and is not thread-safe.
 */
public final class Thinning {

    private static final boolean[] DELETE_FIRST = new boolean[256];
    private static final boolean[] DELETE_SECOND = new boolean[256];
    /** {@code listed} value of a pixel examined under both rules since its neighbourhood last changed. */
    private static final byte STABLE = 3;

    static {
        for (int code = 0; code < 256; code++) {
            boolean g12 = g1(code) && g2(code);
            DELETE_FIRST[code] = g12 && !((x(code, 2) || x(code, 3) || !x(code, 8)) && x(code, 1));
            DELETE_SECOND[code] = g12 && !((x(code, 6) || x(code, 7) || !x(code, 4)) && x(code, 5));
        }
    }

    private int height;
    private int width;
    private byte[] img = new byte[0];     // padded (height + 2) × (width + 2), 0/1
    private byte[] listed = new byte[0];  // 0 = not listed, else 1 + examinations since its last change
    private int[] border = new int[0];
    private int[] deleted = new int[0];
    private int borderSize;

    /** An instance with empty buffers; {@link #reset} sizes them. */
    Thinning() {
    }

    /** Thins {@code img} ({@code h × w}, row-major, true = foreground) and returns a new array. */
    public static boolean[] thin(boolean[] img, int h, int w) {
        if (img.length != h * w) {
            throw new IllegalArgumentException("image length " + img.length + " is not " + h + "x" + w);
        }
        Thinning t = new Thinning();
        t.reset(h, w);
        int[] fg = new int[h * w];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (img[y * w + x]) {
                    fg[n] = t.index(y, x);
                    t.img[fg[n++]] = 1;
                }
            }
        }
        t.thin(fg, n);
        boolean[] out = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = t.img[t.index(y, x)] != 0;
            }
        }
        return out;
    }

    /**
     * Sizes the buffers for an {@code h × w} image and clears them if the size changed. Callers that fill
     * {@link #padded()} themselves keep it clean: they zero what they set once they are done with an image.
     */
    void reset(int h, int w) {
        int n = (h + 2) * (w + 2);
        if (img.length < n) {
            img = new byte[n];
            listed = new byte[n];
            border = new int[n];
            deleted = new int[n];
        } else if (h != height || w != width) {
            Arrays.fill(img, (byte) 0);
        }
        height = h;
        width = w;
    }

    /** The padded image, {@code (height + 2) × (width + 2)}, 0/1, for callers that fill it directly. */
    byte[] padded() {
        return img;
    }

    /** The index of pixel {@code (y, x)} in {@link #padded()}. */
    int index(int y, int x) {
        return (y + 1) * (width + 2) + x + 1;
    }

    /**
     * Thins the padded image in place until no pixel changes; {@code fg[0..n)} lists (as padded indices) every
     * foreground pixel, in any order.
     */
    void thin(int[] fg, int n) {
        int stride = width + 2;
        borderSize = 0;
        for (int k = 0; k < n; k++) {
            int i = fg[k];
            // without a background 4-neighbour G1 cannot hold; the pixel is listed once a neighbour is deleted
            if ((img[i + 1] & img[i - 1] & img[i - stride] & img[i + stride]) == 0) {
                border[borderSize++] = i;
                listed[i] = 1;
            }
        }
        while (true) {
            int removed = subiteration(DELETE_FIRST) + subiteration(DELETE_SECOND);
            if (removed == 0) {
                break;
            }
        }
        for (int k = 0; k < borderSize; k++) {
            listed[border[k]] = 0;
        }
    }

    /**
     * One parallel subiteration; returns the number of pixels deleted. A listed pixel that has been examined under
     * both rules without its neighbourhood changing cannot be deleted until a neighbour is, so it leaves the list
     * and comes back when one of its neighbours is deleted.
     */
    private int subiteration(boolean[] lut) {
        int stride = width + 2;
        int nDeleted = 0;
        int kept = 0;
        for (int k = 0; k < borderSize; k++) {
            int i = border[k];
            if (lut[code(i, stride)]) {
                deleted[nDeleted++] = i;
            } else if (++listed[i] < STABLE) {
                border[kept++] = i;
            } else {
                listed[i] = 0;
            }
        }
        borderSize = kept;
        for (int k = 0; k < nDeleted; k++) {
            img[deleted[k]] = 0;
            listed[deleted[k]] = 0;
        }
        for (int k = 0; k < nDeleted; k++) {
            int i = deleted[k];
            touch(i + 1);
            touch(i - stride + 1);
            touch(i - stride);
            touch(i - stride - 1);
            touch(i - 1);
            touch(i + stride - 1);
            touch(i + stride);
            touch(i + stride + 1);
        }
        return nDeleted;
    }

    /** A foreground pixel next to a deletion: (re)listed, its earlier examinations no longer count. */
    private void touch(int i) {
        if (img[i] != 0) {
            if (listed[i] == 0) {
                border[borderSize++] = i;
            }
            listed[i] = 1;
        }
    }

    /** The neighbourhood code: bit {@code k-1} holds {@code x_k}. Padding keeps every access in range. */
    private int code(int i, int stride) {
        return img[i + 1]
                | img[i - stride + 1] << 1
                | img[i - stride] << 2
                | img[i - stride - 1] << 3
                | img[i - 1] << 4
                | img[i + stride - 1] << 5
                | img[i + stride] << 6
                | img[i + stride + 1] << 7;
    }

    private static boolean x(int code, int k) {
        return (code >> ((k - 1) & 7) & 1) != 0;
    }

    private static boolean g1(int code) {
        int xh = 0;
        for (int i = 1; i <= 4; i++) {
            if (!x(code, 2 * i - 1) && (x(code, 2 * i) || x(code, 2 * i + 1))) {
                xh++;
            }
        }
        return xh == 1;
    }

    private static boolean g2(int code) {
        int n1 = 0;
        int n2 = 0;
        for (int k = 1; k <= 4; k++) {
            n1 += x(code, 2 * k - 1) || x(code, 2 * k) ? 1 : 0;
            n2 += x(code, 2 * k) || x(code, 2 * k + 1) ? 1 : 0;
        }
        int m = Math.min(n1, n2);
        return m >= 2 && m <= 3;
    }
}
