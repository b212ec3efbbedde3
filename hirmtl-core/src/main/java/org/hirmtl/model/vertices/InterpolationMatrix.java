package org.hirmtl.model.vertices;

/**
 * The 1-D linear interpolation matrices of PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)},
 * which is ONNX {@code Resize(mode="linear", coordinate_transformation_mode="half_pixel")} for integer factors.
 *
 * <p>Output position {@code j} of {@code out = factor · in} samples the input at {@code src = (j + 0.5) / factor −
 * 0.5}, clamped to {@code [0, in − 1]}: {@code i0 = floor(src)}, {@code i1 = min(i0 + 1, in − 1)}, {@code λ = src −
 * i0}; row {@code j} of the matrix has {@code 1 − λ} at column {@code i0} and {@code λ} at column {@code i1}. The
 * clamp is what makes the borders exact (a zero-padded interpolation filter would darken them). Every row sums to 1.
 */
public final class InterpolationMatrix {
    private InterpolationMatrix() {
    }

    /**
     * The {@code [in · factor, in]} matrix, row-major.
     *
     * @param in     the input length, at least 1
     * @param factor the upsampling factor, at least 1
     */
    public static double[][] upsampling(int in, int factor) {
        if (in < 1 || factor < 1) {
            throw new IllegalArgumentException("interpolation needs in >= 1 and factor >= 1, got in=" + in
                    + ", factor=" + factor);
        }
        int out = in * factor;
        double[][] m = new double[out][in];
        for (int j = 0; j < out; j++) {
            double src = Math.max(0.0, (j + 0.5) / factor - 0.5);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double lambda = src - i0;
            m[j][i0] += 1.0 - lambda;
            m[j][i1] += lambda;
        }
        return m;
    }
}
