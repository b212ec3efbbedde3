package org.hirmtl.infer;

import org.hirmtl.api.data.DenseMap;

/**
 * One task's activated output for a batch: {@code n × channels × height × width} floats, row-major (NCHW).
 *
 * @param data the values (owned by this record; not copied)
 * @param n images in the batch
 * @param channels output channels
 * @param height output height (the network input's)
 * @param width output width
 */
public record TaskOutput(float[] data, int n, int channels, int height, int width) {
    /** Requires {@code data} to hold exactly {@code n × channels × height × width} values. */
    public TaskOutput {
        if ((long) n * channels * height * width != data.length) {
            throw new IllegalArgumentException("an output of " + n + "x" + channels + "x" + height + "x" + width
                    + " needs " + (long) n * channels * height * width + " values, got " + data.length);
        }
    }

    /** The values of image {@code i} as a {@code channels × height × width} map (a copy). */
    public DenseMap image(int i) {
        int size = channels * height * width;
        float[] one = new float[size];
        System.arraycopy(data, i * size, one, 0, size);
        return new DenseMap(channels, height, width, one);
    }
}
