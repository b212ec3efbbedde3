package org.hirmtl.infer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.hirmtl.api.data.DenseMap;

/**
 * A batch of {@code n} RGB images of one size, {@code n × 3 × height × width} floats in [0, 1] (not normalised),
 * row-major, in a direct native-order buffer that ONNX Runtime reads in place (no copy). Reusable: fill it again for the
 * next batch of the same shape.
 */
public final class ImageBatch {
    private final int n;
    private final int height;
    private final int width;
    private final FloatBuffer pixels;

    private ImageBatch(int n, int height, int width) {
        if (n < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a batch needs n, height and width >= 1, got " + n + "x" + height + "x"
                    + width);
        }
        this.n = n;
        this.height = height;
        this.width = width;
        this.pixels = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(n * 3, height), width) * 4)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A zero-filled batch of {@code n} images of {@code height × width}. */
    public static ImageBatch allocate(int n, int height, int width) {
        return new ImageBatch(n, height, width);
    }

    /** {@code previous} when it has this shape (to be refilled), else a new batch. */
    public static ImageBatch reuse(ImageBatch previous, int n, int height, int width) {
        return previous != null && previous.n == n && previous.height == height && previous.width == width
                ? previous : allocate(n, height, width);
    }

    /** A batch holding {@code images} ({@code n × 3 × height × width} values, row-major). */
    public static ImageBatch of(float[] images, int n, int height, int width) {
        ImageBatch b = allocate(n, height, width);
        if (images.length != b.pixels.capacity()) {
            throw new IllegalArgumentException("expected " + b.pixels.capacity() + " values for " + n + " images of "
                    + "3x" + height + "x" + width + ", got " + images.length);
        }
        b.pixels.put(0, images);
        return b;
    }

    /**
     * Sets image {@code i}.
     *
     * @param rgb a {@code 3 × height × width} map in [0, 1]
     * @throws IllegalArgumentException if its shape differs from the batch's
     */
    public void set(int i, DenseMap rgb) {
        if (rgb.channels() != 3 || rgb.height() != height || rgb.width() != width) {
            throw new IllegalArgumentException("image " + i + " is " + rgb.channels() + "x" + rgb.height() + "x"
                    + rgb.width() + ", the batch holds 3x" + height + "x" + width);
        }
        java.util.Objects.checkIndex(i, n);
        pixels.put(i * 3 * height * width, rgb.data());
    }

    /** The number of images. */
    public int size() {
        return n;
    }

    /** The images' height. */
    public int height() {
        return height;
    }

    /** The images' width. */
    public int width() {
        return width;
    }

    /** The shape {@code [n, 3, height, width]}. */
    public long[] shape() {
        return new long[] {n, 3, height, width};
    }

    /** The pixels: a view of the batch's direct buffer, positioned at 0 (writes go into the batch). */
    public FloatBuffer pixels() {
        return pixels.duplicate().clear();
    }

    /** A copy of the pixels as an array. */
    public float[] toArray() {
        float[] out = new float[pixels.capacity()];
        pixels.get(0, out);
        return out;
    }
}
