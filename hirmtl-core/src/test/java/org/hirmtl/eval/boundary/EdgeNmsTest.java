package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SEISM's non-maximum suppression, step by step, on hand-computed cases. */
class EdgeNmsTest {

    @Test
    void mirrorRepeatsTheEdgePixelAsMatlabsSymmetricPadding() {
        // n = 4: ... 1 0 | 0 1 2 3 | 3 2 ...
        assertEquals(0, EdgeNms.mirror(-1, 4));
        assertEquals(1, EdgeNms.mirror(-2, 4));
        assertEquals(3, EdgeNms.mirror(-4, 4));
        assertEquals(3, EdgeNms.mirror(4, 4));
        assertEquals(2, EdgeNms.mirror(5, 4));
        assertEquals(0, EdgeNms.mirror(7, 4));
        assertEquals(0, EdgeNms.mirror(8, 4));   // periodic past one mirror image
    }

    @Test
    void triangleFilterOfAnImpulseAndAtTheBorder() {
        int h = 11;
        int w = 11;
        float[] img = new float[h * w];
        img[5 * w + 5] = 1;
        float[] s = EdgeNms.convTri4(img, h, w);
        assertEquals(25f / 625, s[5 * w + 5], 1e-7);          // 5 · 5 / 625
        assertEquals(20f / 625, s[5 * w + 6], 1e-7);          // 5 · 4
        assertEquals(6f / 625, s[7 * w + 8], 1e-7);           // 3 (2 rows away) · 2 (3 columns away)
        assertEquals(0f, s[0], 0f);
        // one row: the vertical pass sees the row mirrored onto itself, weights summing to 25
        float[] row = new float[10];
        row[0] = 1;
        float[] r = EdgeNms.convTri4(row, 1, 10);
        assertEquals(9f / 25, r[0], 1e-7);    // taps at -1 (mirrored to 0, weight 4) and 0 (weight 5)
        assertEquals(7f / 25, r[1], 1e-7);    // taps at -1 (mirrored to 0, weight 3) and 0 (weight 4)
        float[] flat = new float[6 * 7];
        java.util.Arrays.fill(flat, 0.3f);
        for (float v : EdgeNms.convTri4(flat, 6, 7)) {
            assertEquals(0.3f, v, 1e-6);
        }
    }

    @Test
    void gradientsAreCentralInsideAndOneSidedAtTheBorders() {
        float[] img = {1, 4, 9, 16};
        assertArrayEquals(new float[] {3, 4, 6, 7}, EdgeNms.gradientX(img, 1, 4));
        assertArrayEquals(new float[] {3, 4, 6, 7}, EdgeNms.gradientY(img, 4, 1));
        assertArrayEquals(new float[4], EdgeNms.gradientY(img, 1, 4));
    }

    @Test
    void bilinearInterpolationClampsInside() {
        float[] img = {0, 1, 2, 3};   // 2 × 2: row 0 = 0 1, row 1 = 2 3
        assertEquals(0.5f, EdgeNms.interp(img, 2, 2, 0.5f, 0f), 1e-7);
        assertEquals(1.0f, EdgeNms.interp(img, 2, 2, 0f, 0.5f), 1e-7);
        assertEquals(1.5f, EdgeNms.interp(img, 2, 2, 0.5f, 0.5f), 1e-7);
        // beyond the last column: clamped to w - 1.001
        assertEquals(0.999f, EdgeNms.interp(img, 2, 2, 5f, -3f), 1e-6);
    }

    /** A vertical band 3 columns wide: orientation 0 (across it), the weaker sides are suppressed. */
    @Test
    void verticalBandKeepsItsRidge() {
        int h = 12;
        int w = 12;
        float[] e = new float[h * w];
        for (int y = 0; y < h; y++) {
            e[y * w + 5] = 0.5f;
            e[y * w + 6] = 1f;
            e[y * w + 7] = 0.5f;
        }
        float[] o = EdgeNms.orientation(e, h, w);
        assertEquals(0f, o[6 * w + 6], 1e-6);
        float[] n = EdgeNms.suppress(e, h, w);
        for (int y = 5; y <= 6; y++) {
            assertEquals(0f, n[y * w + 5]);
            assertEquals(1f, n[y * w + 6]);
            assertEquals(0f, n[y * w + 7]);
        }
        // border fade on the ridge column: rows 0..4 × 0, 0.2, 0.4, 0.6, 0.8, and the same from the bottom
        assertEquals(0f, n[6]);
        assertEquals(0.2f, n[w + 6], 1e-7);
        assertEquals(0.8f, n[4 * w + 6], 1e-7);
        assertEquals(0.4f, n[(h - 3) * w + 6], 1e-7);
    }

    /**
     * Dollár's orientation is {@code atan(Oyy · sign(−Oxy) / (Oxx + 1e-5))}: for an exactly horizontal band
     * {@code Oxy = 0}, so the orientation is 0 as well and the band is compared along itself — nothing is suppressed
     * (the reference does the same; real edge maps are never exactly axis-aligned).
     */
    @Test
    void exactlyHorizontalBandIsComparedAlongItself() {
        int h = 12;
        int w = 12;
        float[] e = new float[h * w];
        for (int x = 0; x < w; x++) {
            e[5 * w + x] = 0.5f;
            e[6 * w + x] = 1f;
            e[7 * w + x] = 0.5f;
        }
        float[] n = EdgeNms.suppress(e, h, w);
        assertEquals(0.5f, n[5 * w + 6]);
        assertEquals(1f, n[6 * w + 6]);
    }

    /** A diagonal ridge: its side pixels lie below the ridge along the normal and are suppressed. */
    @Test
    void diagonalRidgeKeepsTheDiagonal() {
        int h = 16;
        int w = 16;
        float[] e = new float[h * w];
        for (int i = 0; i < h; i++) {
            e[i * w + i] = 1f;
            if (i + 1 < w) {
                e[i * w + i + 1] = 0.6f;
            }
            if (i > 0) {
                e[i * w + i - 1] = 0.6f;
            }
        }
        float[] n = EdgeNms.suppress(e, h, w);
        for (int i = 6; i <= 9; i++) {
            assertEquals(1f, n[i * w + i], "diagonal " + i);
            assertEquals(0f, n[i * w + i + 1], "right of " + i);
            assertEquals(0f, n[i * w + i - 1], "left of " + i);
        }
    }

    @Test
    void constantMapOnlyFadesAtTheBorder() {
        int h = 12;
        int w = 12;
        float[] e = new float[h * w];
        java.util.Arrays.fill(e, 1f);
        float[] n = EdgeNms.suppress(e, h, w);
        assertEquals(0f, n[0]);
        assertEquals(0.2f * 0.2f, n[w + 1], 1e-7);
        assertEquals(0.4f * 0.6f, n[2 * w + 3], 1e-7);   // row 2: × 0.4, column 3: × 0.6
        assertEquals(1f, n[6 * w + 6]);
        assertEquals(0f, n[h * w - 1]);
        // an image 6 wide fades over 3 columns (s = min(5, w/2)): 0, 1/3, 2/3, 2/3, 1/3, 0
        float[] narrow = new float[12 * 6];
        java.util.Arrays.fill(narrow, 1f);
        float[] m = EdgeNms.suppress(narrow, 12, 6);
        assertEquals(1f / 3, m[6 * 6 + 1], 1e-7);
        assertEquals(2f / 3, m[6 * 6 + 2], 1e-7);
        assertEquals(2f / 3, m[6 * 6 + 3], 1e-7);
        assertEquals(1f / 3, m[6 * 6 + 4], 1e-7);
    }
}
