package org.hirmtl.eval.boundary;

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
 * <p>The image is held 64 pixels to a word ({@link BitImage}) and each subiteration evaluates the rule for 64 pixels
 * at once with bitwise operations on the eight neighbour planes. Only words whose 3×3 word neighbourhood changed
 * since they were last evaluated under the same rule are evaluated again (a word whose neighbourhood is unchanged
 * deletes under a rule exactly what it deleted the last time, which was nothing, or it would have changed): the
 * result is that of the full parallel scan, at a cost proportional to the words still changing. An instance keeps
 * its buffers for reuse and is not thread-safe.
 */
public final class Thinning {

    private long[] img = new long[0];
    private int stride;
    private int height;
    /** Per word: bit 0 = listed for the first rule, bit 1 = listed for the second. */
    private byte[] listed = new byte[0];
    private final int[][] lists = {new int[0], new int[0]};
    private final int[] sizes = new int[2];
    private int[] changedWords = new int[0];
    private long[] changedMasks = new long[0];

    /** An instance with empty buffers. */
    Thinning() {
    }

    /** Thins {@code img} ({@code h × w}, row-major, true = foreground) and returns a new array. */
    public static boolean[] thin(boolean[] img, int h, int w) {
        BitImage b = BitImage.of(img, h, w);
        new Thinning().thin(b);
        return b.toBooleans();
    }

    /** Thins {@code image} in place until an iteration deletes nothing. */
    void thin(BitImage image) {
        img = image.bits;
        stride = image.stride;
        height = image.height;
        int words = img.length;
        if (listed.length < words) {
            listed = new byte[words];
            lists[0] = new int[words];
            lists[1] = new int[words];
            changedWords = new int[words];
            changedMasks = new long[words];
        }
        int n = 0;
        for (int y = 1; y <= height; y++) {
            for (int i = y * stride + 1, end = i + stride - 2; i < end; i++) {
                if (img[i] != 0) {
                    lists[0][n] = i;
                    lists[1][n++] = i;
                    listed[i] = 3;
                }
            }
        }
        sizes[0] = n;
        sizes[1] = n;
        while (subiteration(0) + subiteration(1) != 0) {
            // until an iteration deletes nothing
        }
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < sizes[r]; k++) {
                listed[lists[r][k]] = 0;
            }
            sizes[r] = 0;
        }
        img = null;
    }

    /**
     * One parallel subiteration under rule {@code r} (0: G3, 1: G3') over the words listed for it; returns the
     * number of pixels deleted.
     */
    private int subiteration(int r) {
        int[] list = lists[r];
        int n = sizes[r];
        byte unlist = (byte) ~(1 << r);
        int changed = 0;
        for (int k = 0; k < n; k++) {
            int i = list[k];
            listed[i] &= unlist;
            long del = deletable(i, r == 0);
            if (del != 0) {
                changedWords[changed] = i;
                changedMasks[changed++] = del;
            }
        }
        sizes[r] = 0;
        int deleted = 0;
        for (int k = 0; k < changed; k++) {
            img[changedWords[k]] &= ~changedMasks[k];
            deleted += Long.bitCount(changedMasks[k]);
        }
        // the border words are always 0, so listing never needs a bounds check: list() skips them
        for (int k = 0; k < changed; k++) {
            int i = changedWords[k];
            long del = changedMasks[k];
            list(i - stride);
            list(i);
            list(i + stride);
            if ((del & 1L) != 0) {
                list(i - stride - 1);
                list(i - 1);
                list(i + stride - 1);
            }
            if (del < 0) {
                list(i - stride + 1);
                list(i + 1);
                list(i + stride + 1);
            }
        }
        return deleted;
    }

    /**
     * Lists word {@code i} for both rules; a word without foreground (the border's among them) can delete nothing
     * and is skipped.
     */
    private void list(int i) {
        if (img[i] == 0) {
            return;
        }
        byte l = listed[i];
        if ((l & 1) == 0) {
            lists[0][sizes[0]++] = i;
        }
        if ((l & 2) == 0) {
            lists[1][sizes[1]++] = i;
        }
        listed[i] = 3;
    }

    /**
     * The pixels of word {@code i} that the rule deletes, from the current image: bit {@code b} of each plane is
     * the neighbour of pixel {@code b} (bit {@code b} is column {@code 64·j + b}, so the east neighbour is the next
     * bit, shifted down).
     */
    private long deletable(int i, boolean first) {
        long c = img[i];
        long cl = img[i - 1];
        long cr = img[i + 1];
        long a = img[i - stride];
        long al = img[i - stride - 1];
        long ar = img[i - stride + 1];
        long b = img[i + stride];
        long bl = img[i + stride - 1];
        long br = img[i + stride + 1];
        long x1 = c >>> 1 | cr << 63;     // E
        long x2 = a >>> 1 | ar << 63;     // NE
        long x3 = a;                      // N
        long x4 = a << 1 | al >>> 63;     // NW
        long x5 = c << 1 | cl >>> 63;     // W
        long x6 = b << 1 | bl >>> 63;     // SW
        long x7 = b;                      // S
        long x8 = b >>> 1 | br << 63;     // SE
        // G1: exactly one b_i, b_i = !x_{2i-1} & (x_{2i} | x_{2i+1})
        long b1 = ~x1 & (x2 | x3);
        long b2 = ~x3 & (x4 | x5);
        long b3 = ~x5 & (x6 | x7);
        long b4 = ~x7 & (x8 | x1);
        long s1 = b1 ^ b2;
        long s2 = b3 ^ b4;
        long g1 = (s1 ^ s2) & ~(b1 & b2 | b3 & b4);
        // G2: 2 <= min(n1, n2) <= 3
        long p1 = x1 | x2;
        long p2 = x3 | x4;
        long p3 = x5 | x6;
        long p4 = x7 | x8;
        long q1 = x2 | x3;
        long q2 = x4 | x5;
        long q3 = x6 | x7;
        long q4 = x8 | x1;
        long n1AtLeast2 = p1 & (p2 | p3 | p4) | p2 & (p3 | p4) | p3 & p4;
        long n2AtLeast2 = q1 & (q2 | q3 | q4) | q2 & (q3 | q4) | q3 & q4;
        long bothFour = p1 & p2 & p3 & p4 & q1 & q2 & q3 & q4;
        long g2 = n1AtLeast2 & n2AtLeast2 & ~bothFour;
        long g3 = first ? ~((x2 | x3 | ~x8) & x1) : ~((x6 | x7 | ~x4) & x5);
        return c & g1 & g2 & g3;
    }
}
