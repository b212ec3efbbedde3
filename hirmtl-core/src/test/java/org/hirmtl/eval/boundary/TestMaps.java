package org.hirmtl.eval.boundary;

import org.hirmtl.api.data.DenseMap;

/** Small builders for boundary test images. */
final class TestMaps {

    private TestMaps() {
    }

    /** Rows of {@code '#'} (true) and {@code '.'} (false) to a row-major array. */
    static boolean[] parse(String picture) {
        String[] rows = picture.split("\n");
        int w = rows[0].length();
        boolean[] out = new boolean[rows.length * w];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return out;
    }

    /** The inverse of {@link #parse}. */
    static String show(boolean[] img, int h, int w) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sb.append(img[y * w + x] ? '#' : '.');
            }
            if (y < h - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A 1-channel map with {@code value} on a horizontal segment and 0 elsewhere. */
    static DenseMap line(int h, int w, int row, int from, int to, float value) {
        DenseMap m = DenseMap.zeros(1, h, w);
        for (int x = from; x <= to; x++) {
            m.set(0, row, x, value);
        }
        return m;
    }

    /** Element-wise maximum of 1-channel maps. */
    static DenseMap max(DenseMap a, DenseMap b) {
        DenseMap m = a.copy();
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = Math.max(a.data()[i], b.data()[i]);
        }
        return m;
    }

    /**
     * A deterministic test image built from integer arithmetic only, so that an independent script can rebuild it
     * bit for bit: a ring and a horizontal segment as ground truth; a noisy ridge along the ring and a false
     * segment as prediction. Returns {prediction, ground truth}.
     */
    static DenseMap[] synthetic(int h, int w, int seed) {
        int cx = w / 2 + 3 * seed;
        int cy = h / 2 - 2 * seed;
        int r = Math.min(h, w) / 3 - seed;
        DenseMap pred = DenseMap.zeros(1, h, w);
        DenseMap gt = DenseMap.zeros(1, h, w);
        int[] pv = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int q = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (r * r <= q && q < (r + 1) * (r + 1)) {
                    gt.set(0, y, x, 1);
                }
                int d = Math.abs(q - r * r) / r;
                int base = Math.max(0, 90 - 20 * d);
                int noise = ((x * 7919) ^ (y * 104729) ^ (seed * 15485863)) % 41;
                pv[y * w + x] = Math.min(100, Math.max(0, base + noise - 20));
            }
        }
        for (int x = 5; x < w - 20; x++) {
            gt.set(0, h / 5 + seed, x, 1);
        }
        for (int x = 10; x < w - 10; x++) {
            pv[(h - 6 - seed) * w + x] = 60 + 5 * seed;
        }
        for (int i = 0; i < pv.length; i++) {
            pred.data()[i] = (float) (pv[i] / 100.0);
        }
        return new DenseMap[] {pred, gt};
    }
}
