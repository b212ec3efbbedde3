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
 * horizontal flip (normals' x negated) and photometric jitter (brightness, contrast, saturation). Images are
 * resampled bilinearly, targets by nearest neighbour; padding uses each {@link TargetKind}'s pad value, so padded
 * pixels are ignored by losses and metrics. Deterministic for a given random generator.
 *
 * @param height output height
 * @param width output width
 * @param hflip flip horizontally with probability ½
 * @param scaleMin smallest random scale factor (relative to the output size)
 * @param scaleMax largest random scale factor
 * @param crop take a random {@code height × width} window of the scaled sample (else resize exactly)
 * @param photometric jitter strength in [0, 1]; 0 = off
 * @param kinds how each task's target is resampled, padded and flipped
 */
public record Augmentation(int height, int width, boolean hflip, double scaleMin, double scaleMax, boolean crop,
                           double photometric, Function<String, TargetKind> kinds) {

    /** Validates sizes and ranges. */
    public Augmentation {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("output size must be positive: " + height + "x" + width);
        }
        if (!(scaleMin > 0 && scaleMax >= scaleMin)) {
            throw new IllegalArgumentException("bad scale range [" + scaleMin + ", " + scaleMax + "]");
        }
        if (!(photometric >= 0 && photometric <= 1)) {
            throw new IllegalArgumentException("photometric strength must be in [0, 1]: " + photometric);
        }
    }

    /** No augmentation: resize to {@code height × width} (evaluation). */
    public static Augmentation resizeOnly(int height, int width, Function<String, TargetKind> kinds) {
        return new Augmentation(height, width, false, 1, 1, false, 0, kinds);
    }

    /** Applies the transform; {@code rng} supplies every random choice. */
    public Sample apply(Sample s, SplittableRandom rng) {
        double scale = scaleMin == scaleMax ? scaleMin : scaleMin + rng.nextDouble() * (scaleMax - scaleMin);
        int sh = crop ? Math.max(1, (int) Math.round(height * scale)) : height;
        int sw = crop ? Math.max(1, (int) Math.round(width * scale)) : width;
        int oy = crop ? rng.nextInt(Math.abs(sh - height) + 1) : 0;
        int ox = crop ? rng.nextInt(Math.abs(sw - width) + 1) : 0;
        boolean flip = hflip && rng.nextBoolean();

        DenseMap image = window(Resize.bilinear(s.image(), sh, sw), oy, ox, 0f);
        Map<String, DenseMap> targets = new LinkedHashMap<>();
        for (Map.Entry<String, DenseMap> e : s.targets().entrySet()) {
            TargetKind kind = kinds.apply(e.getKey());
            DenseMap t = window(Resize.nearest(e.getValue(), sh, sw), oy, ox, kind.padValue());
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
