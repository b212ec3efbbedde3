package org.hirmtl.export.onnx;

import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * ONNX {@code pads} ({@code [top, left, bottom, right]}) for a DL4J 2-D convolution or pooling window on an input of
 * known size, so that ONNX computes the output DL4J computes.
 *
 * <ul>
 *   <li>{@code Same}: output {@code ceil(in / stride)}, total padding {@code max(0, (out − 1)·stride + k_eff − in)}
 *       with {@code k_eff = (k − 1)·dilation + 1}, the odd pixel at the bottom/right — as DL4J's
 *       {@code ConvolutionUtils.getSameModeTopLeftPadding} (and ONNX's {@code SAME_UPPER}); DL4J ignores the
 *       configured padding in this mode;</li>
 *   <li>{@code Truncate} and {@code Strict}: the configured padding on both sides; rows and columns that do not fill
 *       a window are dropped, as ONNX's floor rounding does.</li>
 * </ul>
 */
final class Padding {
    private Padding() {
    }

    static long[] pads(long height, long width, int[] kernel, int[] stride, int[] dilation, int[] padding,
                       ConvolutionMode mode, Site site) {
        if (mode == ConvolutionMode.Same) {
            long[] h = same(height, kernel[0], stride[0], dilation[0]);
            long[] w = same(width, kernel[1], stride[1], dilation[1]);
            return new long[] {h[0], w[0], h[1], w[1]};
        }
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return new long[] {padding[0], padding[1], padding[0], padding[1]};
        }
        throw site.unsupported("convolution mode " + mode + " has no ONNX mapping (Same, Truncate, Strict)");
    }

    /** {@code [before, after]} for one dimension in Same mode. */
    private static long[] same(long in, int k, int s, int d) {
        long out = (in + s - 1) / s;
        long effective = (long) (k - 1) * d + 1;
        long total = Math.max(0, (out - 1) * s + effective - in);
        return new long[] {total / 2, total - total / 2};
    }

    /** Whether all pads are zero. */
    static boolean none(long[] pads) {
        for (long p : pads) {
            if (p != 0) {
                return false;
            }
        }
        return true;
    }
}
