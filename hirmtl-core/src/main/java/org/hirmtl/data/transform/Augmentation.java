package org.hirmtl.data.transform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.Sample;
import org.hirmtl.api.data.TargetKind;

/**
 * Brings a sample to the network's input size, with optional training augmentation: random scale, random crop,
 * horizontal flip (normals' x negated) and photometric jitter (brightness, contrast, saturation). The sample is
 * resized to the content size (times the random scale), then cropped or padded to the output size. Images are
 * resampled bilinearly and padded with 0, targets resampled by nearest neighbour and padded with their
 * {@link TargetKind}'s pad value, so padded pixels are ignored by losses and metrics. A random zoom by {@code s}
 * divides depth by {@code s} (the scene looks {@code s} times nearer, as MTI-Net's transforms do); normals are
 * unchanged by scale. Deterministic for a given random generator.
 *
 * @param height output height (the network's input)
 * @param width output width
 * @param hflip flip horizontally with probability ½
 * @param scaleMin smallest random scale factor (relative to the output size)
 * @param scaleMax largest random scale factor
 * @param crop take a random {@code height × width} window of the scaled sample (else resize exactly)
 * @param photometric jitter strength in [0, 1]; 0 = off
 * @param kinds how each task's target is resampled, padded and flipped
 */
public record Augmentation(int height, int width, boolean hflip, double scaleMin, double scaleMax, boolean crop,
                           double photometric, Function<String, TargetKind> kinds, int contentHeight,
                           int contentWidth) {

    /** Validates sizes and ranges. */
    public Augmentation {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + height + "x" + width);
        }
        if (contentHeight <= 0 || contentWidth <= 0 || contentHeight > height || contentWidth > width) {
            throw new IllegalArgumentException("content size " + contentHeight + "x" + contentWidth
                    + " must be positive and fit the output size " + height + "x" + width);
        }
        if (!(scaleMin > 0 && scaleMax >= scaleMin)) {
            throw new IllegalArgumentException("bad scale range [" + scaleMin + ", " + scaleMax + "]");
        }
        if (!(photometric >= 0 && photometric <= 1)) {
            throw new IllegalArgumentException("photometric strength must be in [0, 1]: " + photometric);
        }
    }

    /** The content fills the output (no padding). */
    public Augmentation(int height, int width, boolean hflip, double scaleMin, double scaleMax, boolean crop,
                        double photometric, Function<String, TargetKind> kinds) {
        this(height, width, hflip, scaleMin, scaleMax, crop, photometric, kinds, height, width);
    }

    /** Training augmentation for a network input of {@code geometry}: the content size is what scale refers to. */
    public Augmentation(InputGeometry geometry, boolean hflip, double scaleMin, double scaleMax, boolean crop,
                        double photometric, Function<String, TargetKind> kinds) {
        this(geometry.height(), geometry.width(), hflip, scaleMin, scaleMax, crop, photometric, kinds,
                geometry.contentHeight(), geometry.contentWidth());
    }

    /** No augmentation: resize to {@code height × width} (evaluation). */
    public static Augmentation resizeOnly(int height, int width, Function<String, TargetKind> kinds) {
        return new Augmentation(height, width, false, 1, 1, false, 0, kinds);
    }

    /** No augmentation: resize to the content size and pad to the network input (evaluation). */
    public static Augmentation resizeOnly(InputGeometry geometry, Function<String, TargetKind> kinds) {
        return new Augmentation(geometry, false, 1, 1, false, 0, kinds);
    }

    /** Applies the transform; {@code rng} supplies every random choice. */
    public Sample apply(Sample s, SplittableRandom rng) {
        double scale = scaleMin == scaleMax ? scaleMin : scaleMin + rng.nextDouble() * (scaleMax - scaleMin);
        int sh = crop ? Math.max(1, (int) Math.round(contentHeight * scale)) : contentHeight;
        int sw = crop ? Math.max(1, (int) Math.round(contentWidth * scale)) : contentWidth;
        int oy = crop ? rng.nextInt(Math.abs(sh - height) + 1) : 0;
        int ox = crop ? rng.nextInt(Math.abs(sw - width) + 1) : 0;
        boolean flip = hflip && rng.nextBoolean();

        DenseMap image = window(Resize.bilinear(s.image(), sh, sw), oy, ox, 0f);
        Map<String, DenseMap> targets = new LinkedHashMap<>();
        for (Map.Entry<String, DenseMap> e : s.targets().entrySet()) {
            TargetKind kind = kinds.apply(e.getKey());
            DenseMap t = window(Resize.nearest(e.getValue(), sh, sw), oy, ox, kind.padValue());
            if (kind == TargetKind.DEPTH && crop && scale != 1) {
                divideDepth(t, scale);
            }
            if (flip) {
                flipInPlace(t);
                if (kind == TargetKind.NORMALS) {
                    negateChannel(t, 0);
                }
            }
            targets.put(e.getKey(), t);
        }
        if (flip) {
            flipInPlace(image);
        }
        if (photometric > 0) {
            Photometric.jitter(image, photometric, rng);
        }
        return new Sample(s.id(), image, targets);
    }

    /** Crops (when the map is larger) or pads (when smaller) to {@code height × width}, offset by (oy, ox). */
    private DenseMap window(DenseMap m, int oy, int ox, float pad) {
        if (m.height() == height && m.width() == width) {
            return m;
        }
        DenseMap out = DenseMap.zeros(m.channels(), height, width);
        if (pad != 0f) {
            java.util.Arrays.fill(out.data(), pad);
        }
        boolean growY = m.height() < height;
        boolean growX = m.width() < width;
        int rows = Math.min(m.height(), height);
        int cols = Math.min(m.width(), width);
        for (int c = 0; c < m.channels(); c++) {
            for (int y = 0; y < rows; y++) {
                int srcY = growY ? y : y + oy;
                int dstY = growY ? y + oy : y;
                int srcX = growX ? 0 : ox;
                int dstX = growX ? ox : 0;
                System.arraycopy(m.data(), (c * m.height() + srcY) * m.width() + srcX,
                        out.data(), (c * height + dstY) * width + dstX, cols);
            }
        }
        return out;
    }

    /** Divides valid depths (not 0 = missing, not the pad value) by the zoom factor; {@code m} is a fresh copy. */
    private static void divideDepth(DenseMap m, double zoom) {
        float[] d = m.data();
        float pad = TargetKind.DEPTH.padValue();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0f && d[i] != pad) {
                d[i] = (float) (d[i] / zoom);
            }
        }
    }

    private static void flipInPlace(DenseMap m) {
        float[] d = m.data();
        int w = m.width();
        for (int row = 0; row < m.channels() * m.height(); row++) {
            int base = row * w;
            for (int i = 0, j = w - 1; i < j; i++, j--) {
                float t = d[base + i];
                d[base + i] = d[base + j];
                d[base + j] = t;
            }
        }
    }

    private static void negateChannel(DenseMap m, int channel) {
        float[] d = m.data();
        int n = m.pixels();
        for (int p = channel * n; p < (channel + 1) * n; p++) {
            d[p] = d[p] == 0f ? 0f : -d[p];
        }
    }
}
