package org.hirmtl.eval.boundary;

import java.util.Arrays;

/**
 * A binary image packed 64 pixels to a {@code long}, with a zero border: one zero word on each side of every row and
 * one zero row above and below, so that the 3×3 neighbourhood of any pixel is in range without bounds checks.
 * Pixel {@code (y, x)} is bit {@code x & 63} of word {@link #word(int, int) word(y, x)}; bits past the last column
 * stay zero. Package-private working storage of {@link Thinning} and {@link BoundaryMatcher}.
 */
final class BitImage {

    final int height;
    final int width;
    /** Words per row, border included. */
    final int stride;
    final long[] bits;

    BitImage(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.stride = (width + 63) / 64 + 2;
        this.bits = new long[(height + 2) * stride];
    }

    /** From a row-major boolean image. */
    static BitImage of(boolean[] img, int h, int w) {
        if (img.length != h * w) {
            throw new IllegalArgumentException("image length " + img.length + " is not " + h + "x" + w);
        }
        BitImage b = new BitImage(h, w);
        for (int i = 0; i < img.length; i++) {
            if (img[i]) {
                b.set(i / w, i % w);
            }
        }
        return b;
    }

    /** The index of the word holding pixel {@code (y, x)}. */
    int word(int y, int x) {
        return (y + 1) * stride + 1 + (x >>> 6);
    }

    void set(int y, int x) {
        bits[word(y, x)] |= 1L << x;
    }

    boolean get(int y, int x) {
        return (bits[word(y, x)] >>> x & 1) != 0;
    }

    /** Sets the pixel with row-major index {@code p = y · width + x}. */
    void setPixel(int p) {
        set(p / width, p % width);
    }

    void clear() {
        Arrays.fill(bits, 0L);
    }

    void copyFrom(BitImage o) {
        System.arraycopy(o.bits, 0, bits, 0, bits.length);
    }

    /** Number of set pixels. */
    int count() {
        int n = 0;
        for (long v : bits) {
            n += Long.bitCount(v);
        }
        return n;
    }

    /** Row-major booleans. */
    boolean[] toBooleans() {
        boolean[] out = new boolean[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = get(y, x);
            }
        }
        return out;
    }
}
