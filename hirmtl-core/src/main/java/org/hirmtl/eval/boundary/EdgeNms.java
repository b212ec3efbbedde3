package org.hirmtl.eval.boundary;

/**
 * Non-maximum suppression of an edge map as SEISM's reader {@code read_one_cont_png.m} applies it before every
 * threshold, with Piotr Dollár's functions (structured-edge toolbox {@code edgesNmsMex.cpp}, image toolbox
 * {@code convTri.m}, {@code gradient2.m}), in single precision as they compute:
 * <ol>
 *   <li>{@code S = convTri(E, 4)}: the separable triangle filter {@code [1 2 3 4 5 4 3 2 1] / 25} in each direction,
 *       the image extended by mirroring with the edge pixel repeated (MATLAB's {@code 'symmetric'});</li>
 *   <li>{@code [Ox, Oy] = gradient2(S)}, {@code Oxx = gradient2(Ox)} along x, {@code [Oxy, Oyy] = gradient2(Oy)}:
 *       central differences {@code (I(i+1) − I(i−1)) · 0.5}, one-sided at the first and last pixel;</li>
 *   <li>orientation {@code O = mod(atan(Oyy · sign(−Oxy) / (Oxx + 1e-5)), π)};</li>
 *   <li>{@code edgesNmsMex(E, O, r = 1, s = 5, m = 1.01)}: a pixel {@code e > 0} is set to 0 when {@code 1.01 · e} is
 *       smaller than the map bilinearly interpolated one pixel away along {@code (cos O, sin O)} on either side
 *       ({@code x} = column moves by {@code cos O}, {@code y} = row by {@code sin O}; sample positions clamped to
 *       {@code [0, w − 1.001]} × {@code [0, h − 1.001]}); then the outer {@code s} columns and rows fade:
 *       column {@code x < s} from either side is multiplied by {@code x / s}, then row {@code y < s} likewise
 *       ({@code s = min(5, w/2, h/2)}, integer halves), so the outermost ring becomes 0.</li>
 * </ol>
 * Maps are row-major {@code h × w} ({@code [y · w + x]}). {@code cos}, {@code sin} and {@code atan} are computed in
 * double and rounded to float, which may differ from C's float functions by one unit in the last place.
 */
final class EdgeNms {

    private static final int[] TRIANGLE = {1, 2, 3, 4, 5, 4, 3, 2, 1};

    private EdgeNms() {
    }

    /** The suppressed map (a new array); {@code e} is not changed. */
    static float[] suppress(float[] e, int h, int w) {
        float[] o = orientation(e, h, w);
        float[] out = e.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float v = e[i];
                if (v == 0) {
                    continue;
                }
                v *= 1.01f;
                float c = (float) Math.cos(o[i]);
                float s = (float) Math.sin(o[i]);
                for (int d = -1; d <= 1; d += 2) {
                    if (v < interp(e, h, w, x + d * c, y + d * s)) {
                        out[i] = 0;
                        break;
                    }
                }
            }
        }
        fadeBorder(out, h, w, 5);
        return out;
    }

    /** {@code O = mod(atan(Oyy · sign(−Oxy) / (Oxx + 1e-5)), π)} of {@code convTri(e, 4)}. */
    static float[] orientation(float[] e, int h, int w) {
        float[] s = convTri4(e, h, w);
        float[] ox = gradientX(s, h, w);
        float[] oy = gradientY(s, h, w);
        float[] oxx = gradientX(ox, h, w);
        float[] oxy = gradientX(oy, h, w);
        float[] oyy = gradientY(oy, h, w);
        float[] o = new float[e.length];
        float pi = (float) Math.PI;
        for (int i = 0; i < o.length; i++) {
            float a = (float) Math.atan(oyy[i] * Math.signum(-oxy[i]) / (oxx[i] + 1e-5f));
            o[i] = a < 0 ? a + pi : a;
        }
        return o;
    }

    /** The triangle filter of radius 4 with symmetric extension: along rows first, then along columns. */
    static float[] convTri4(float[] img, int h, int w) {
        int[] cols = mirrored(w);
        int[] rowsAt = mirrored(h);
        float[] rows = new float[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int k = 0; k < TRIANGLE.length; k++) {
                    sum += TRIANGLE[k] * img[y * w + cols[x + k]];
                }
                rows[y * w + x] = sum;
            }
        }
        float[] out = new float[img.length];
        float norm = 1f / 625;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int k = 0; k < TRIANGLE.length; k++) {
                    sum += TRIANGLE[k] * rows[rowsAt[y + k] * w + x];
                }
                out[y * w + x] = sum * norm;
            }
        }
        return out;
    }

    /** {@code mirror(i − 4, n)} for {@code i = 0 .. n + 7}: the source index of each tap of the padded line. */
    private static int[] mirrored(int n) {
        int[] m = new int[n + 8];
        for (int i = 0; i < m.length; i++) {
            m[i] = mirror(i - 4, n);
        }
        return m;
    }

    /** MATLAB's symmetric extension of index {@code k} into {@code 0..n-1} (edge pixel repeated, periodic). */
    static int mirror(int k, int n) {
        int m = Math.floorMod(k, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    /** Derivative along x (columns): central differences inside, one-sided at the first and last column. */
    static float[] gradientX(float[] img, int h, int w) {
        float[] g = new float[img.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                g[row + x] = w < 2 ? 0
                        : x == 0 ? img[row + 1] - img[row]
                        : x == w - 1 ? img[row + x] - img[row + x - 1]
                        : (img[row + x + 1] - img[row + x - 1]) * 0.5f;
            }
        }
        return g;
    }

    /** Derivative along y (rows): central differences inside, one-sided at the first and last row. */
    static float[] gradientY(float[] img, int h, int w) {
        float[] g = new float[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                g[i] = h < 2 ? 0
                        : y == 0 ? img[i + w] - img[i]
                        : y == h - 1 ? img[i] - img[i - w]
                        : (img[i + w] - img[i - w]) * 0.5f;
            }
        }
        return g;
    }

    /** {@code edgesNmsMex}'s bilinear interpolation at column {@code x}, row {@code y}, clamped inside. */
    static float interp(float[] img, int h, int w, float x, float y) {
        x = x < 0 ? 0 : x > w - 1.001f ? w - 1.001f : x;
        y = y < 0 ? 0 : y > h - 1.001f ? h - 1.001f : y;
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = x0 + 1;
        int y1 = y0 + 1;
        float dx0 = x - x0;
        float dy0 = y - y0;
        float dx1 = 1 - dx0;
        float dy1 = 1 - dy0;
        return at(img, w, h, x0, y0) * dx1 * dy1 + at(img, w, h, x1, y0) * dx0 * dy1
                + at(img, w, h, x0, y1) * dx1 * dy0 + at(img, w, h, x1, y1) * dx0 * dy0;
    }

    /** A pixel; past the last column or row (only reached with weight 0 on images 1 pixel wide) it repeats it. */
    private static float at(float[] img, int w, int h, int x, int y) {
        return img[Math.min(y, h - 1) * w + Math.min(x, w - 1)];
    }

    /** The outer {@code s} columns, then rows, multiplied by their distance from the border over {@code s}. */
    static void fadeBorder(float[] e, int h, int w, int s) {
        s = Math.min(s, w / 2);
        s = Math.min(s, h / 2);
        for (int x = 0; x < s; x++) {
            float f = x / (float) s;
            for (int y = 0; y < h; y++) {
                e[y * w + x] *= f;
                e[y * w + w - 1 - x] *= f;
            }
        }
        for (int y = 0; y < s; y++) {
            float f = y / (float) s;
            for (int x = 0; x < w; x++) {
                e[y * w + x] *= f;
                e[(h - 1 - y) * w + x] *= f;
            }
        }
    }
}
