package org.hirmtl.data.transform;

import org.hirmtl.api.data.DenseMap;

/**
 * How an image of any size meets a network whose input sides must be multiples of the backbone's largest stride, as
 * the anchors (MTI-Net, ATRC, InvPT) do it: the image is resized to the <em>content size</em> ({@code
 * data.image_size}, e.g. NYUD's 425×560) and padded at the bottom and right to the <em>network size</em> (the content
 * size rounded up to the stride, e.g. 448×576) — image pixels with 0, targets with their ignore value, so padding is
 * never trained on or scored — and predictions are cropped back to the content size before they are resized to the
 * image's own size.
 *
 * @param contentHeight the height images are resized to
 * @param contentWidth  the width images are resized to
 * @param height        the network's input height (≥ content height)
 * @param width         the network's input width (≥ content width)
 */
public record InputGeometry(int contentHeight, int contentWidth, int height, int width) {

    /** Requires positive sizes and a network size that holds the content. */
    public InputGeometry {
        if (contentHeight <= 0 || contentWidth <= 0 || height < contentHeight || width < contentWidth) {
            throw new IllegalArgumentException("bad input geometry: content " + contentHeight + "x" + contentWidth
                    + " in network input " + height + "x" + width);
        }
    }

    /** The content size padded up to multiples of {@code stride}. */
    public static InputGeometry padded(int contentHeight, int contentWidth, int stride) {
        return new InputGeometry(contentHeight, contentWidth, roundUp(contentHeight, stride),
                roundUp(contentWidth, stride));
    }

    /** {@code v} rounded up to a positive multiple of {@code m}. */
    public static int roundUp(int v, int m) {
        return Math.max(m, (v + m - 1) / m * m);
    }

    /** Whether the network input is larger than the content (padding is added). */
    public boolean isPadded() {
        return height != contentHeight || width != contentWidth;
    }

    /** An image of any size brought to the network input: resized to the content size, then zero-padded. */
    public DenseMap fitImage(DenseMap image) {
        DenseMap resized = image.height() == contentHeight && image.width() == contentWidth ? image
                : Resize.bilinear(image, contentHeight, contentWidth);
        return pad(resized, height, width, 0f);
    }

    /**
     * A network output (activated, network size) brought back to an image of {@code h × w}: cropped to the content,
     * then resized bilinearly.
     */
    public DenseMap toImage(DenseMap output, int h, int w) {
        DenseMap content = crop(output, contentHeight, contentWidth);
        return content.height() == h && content.width() == w ? content : Resize.bilinear(content, h, w);
    }

    /** {@code m} padded at the bottom and right to {@code h × w} with {@code value}. */
    public static DenseMap pad(DenseMap m, int h, int w, float value) {
        if (m.height() == h && m.width() == w) {
            return m;
        }
        DenseMap out = DenseMap.zeros(m.channels(), h, w);
        if (value != 0f) {
            java.util.Arrays.fill(out.data(), value);
        }
        for (int c = 0; c < m.channels(); c++) {
            for (int y = 0; y < m.height(); y++) {
                System.arraycopy(m.data(), (c * m.height() + y) * m.width(), out.data(), (c * h + y) * w, m.width());
            }
        }
        return out;
    }

    /** The top-left {@code h × w} part of a map. */
    public static DenseMap crop(DenseMap m, int h, int w) {
        if (m.height() == h && m.width() == w) {
            return m;
        }
        DenseMap out = DenseMap.zeros(m.channels(), h, w);
        for (int c = 0; c < m.channels(); c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(m.data(), (c * m.height() + y) * m.width(), out.data(), (c * h + y) * w, w);
            }
        }
        return out;
    }
}
