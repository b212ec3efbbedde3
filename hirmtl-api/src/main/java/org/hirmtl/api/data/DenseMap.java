package org.hirmtl.api.data;

import java.util.Arrays;

/**
 * A dense per-pixel array in channel-first (CHW) order, held on the Java heap: an image or a task target.
 *
 * <p>The data layer works with these rather than {@code INDArray}s so that decoding in background threads never
 * touches ND4J workspaces; batches are copied into ND4J once, by the training code.
 *
 * @param channels number of channels (1 for labels and depth, 3 for RGB and normals)
 * @param height rows
 * @param width columns
 * @param data {@code channels * height * width} values, index {@code (c * height + y) * width + x}
 */
public record DenseMap(int channels, int height, int width, float[] data) {

    /**
     * Checks that the dimensions are positive and match the data length.
     *
     * @param channels number of channels (1 for labels and depth, 3 for RGB and normals)
     * @param height rows
     * @param width columns
     * @param data {@code channels * height * width} values, index {@code (c * height + y) * width + x} (not copied)
     */
    public DenseMap {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad map shape " + channels + "x" + height + "x" + width);
        }
        if (data.length != (long) channels * height * width) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape "
                    + channels + "x" + height + "x" + width);
        }
    }

    /**
     * A zero-filled map.
     *
     * @param channels number of channels
     * @param height rows
     * @param width columns
     * @return a new map of that shape, all values 0
     */
    public static DenseMap zeros(int channels, int height, int width) {
        return new DenseMap(channels, height, width, new float[channels * height * width]);
    }

    /**
     * The value at channel {@code c}, row {@code y}, column {@code x}.
     *
     * @param c the channel, {@code 0 ≤ c < channels}
     * @param y the row, {@code 0 ≤ y < height}
     * @param x the column, {@code 0 ≤ x < width}
     * @return the value
     */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /**
     * Sets the value at channel {@code c}, row {@code y}, column {@code x}.
     *
     * @param c the channel, {@code 0 ≤ c < channels}
     * @param y the row, {@code 0 ≤ y < height}
     * @param x the column, {@code 0 ≤ x < width}
     * @param v the new value
     */
    public void set(int c, int y, int x, float v) {
        data[(c * height + y) * width + x] = v;
    }

    /**
     * Number of pixels per channel.
     *
     * @return {@code height * width}
     */
    public int pixels() {
        return height * width;
    }

    /**
     * {@code "HxW"}, for messages.
     *
     * @return the height and width, e.g. {@code 480x640}
     */
    public String sizeString() {
        return height + "x" + width;
    }

    /**
     * A deep copy.
     *
     * @return a map of the same shape with its own copy of the data
     */
    public DenseMap copy() {
        return new DenseMap(channels, height, width, data.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseMap m && m.channels == channels && m.height == height && m.width == width
                && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels + height) + width) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DenseMap[" + channels + "x" + height + "x" + width + "]";
    }
}
