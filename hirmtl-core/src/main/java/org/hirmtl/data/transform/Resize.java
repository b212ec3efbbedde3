package org.hirmtl.data.transform;

import org.hirmtl.api.data.DenseMap;

/**
 * Resampling of CHW maps with half-pixel centres (as PyTorch {@code align_corners=False}, OpenCV and PIL):
 * bilinear for images, nearest for targets (labels must not blend; depth must not blend across holes).
 */
public final class Resize {
    private Resize() {
    }

    /** Bilinear resize (no anti-aliasing) to {@code height × width}. */
    public static DenseMap bilinear(DenseMap in, int height, int width) {
        if (in.height() == height && in.width() == width) {
            return in.copy();
        }
        int ih = in.height();
        int iw = in.width();
        float[] src = in.data();
        DenseMap out = DenseMap.zeros(in.channels(), height, width);
        float[] dst = out.data();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        double sx = (double) iw / width;
        for (int x = 0; x < width; x++) {
            double s = Math.max(0, (x + 0.5) * sx - 0.5);
            x0[x] = Math.min((int) s, iw - 1);
            x1[x] = Math.min(x0[x] + 1, iw - 1);
            fx[x] = (float) (s - x0[x]);
        }
        double sy = (double) ih / height;
        for (int y = 0; y < height; y++) {
            double s = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) s, ih - 1);
            int y1 = Math.min(y0 + 1, ih - 1);
            float fy = (float) (s - y0);
            for (int c = 0; c < in.channels(); c++) {
                int r0 = (c * ih + y0) * iw;
                int r1 = (c * ih + y1) * iw;
                int o = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    float top = src[r0 + x0[x]] + (src[r0 + x1[x]] - src[r0 + x0[x]]) * fx[x];
                    float bot = src[r1 + x0[x]] + (src[r1 + x1[x]] - src[r1 + x0[x]]) * fx[x];
                    dst[o + x] = top + (bot - top) * fy;
                }
            }
        }
        return out;
    }

    /** Nearest-neighbour resize to {@code height × width}. */
    public static DenseMap nearest(DenseMap in, int height, int width) {
        if (in.height() == height && in.width() == width) {
            return in.copy();
        }
        int ih = in.height();
        int iw = in.width();
        int[] xs = new int[width];
        for (int x = 0; x < width; x++) {
            xs[x] = Math.min((int) Math.floor((x + 0.5) * iw / width), iw - 1);
        }
        float[] src = in.data();
        DenseMap out = DenseMap.zeros(in.channels(), height, width);
        float[] dst = out.data();
        for (int c = 0; c < in.channels(); c++) {
            for (int y = 0; y < height; y++) {
                int sy = Math.min((int) Math.floor((y + 0.5) * ih / height), ih - 1);
                int r = (c * ih + sy) * iw;
                int o = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    dst[o + x] = src[r + xs[x]];
                }
            }
        }
        return out;
    }
}
