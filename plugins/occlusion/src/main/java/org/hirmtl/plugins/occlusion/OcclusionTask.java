package org.hirmtl.plugins.occlusion;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.api.render.Palette;
import org.hirmtl.api.render.Picture;
import org.nd4j.linalg.activations.Activation;

/**
 * Task {@code occlusion}: per pixel, the probability that it lies on the near side of a depth discontinuity (an
 * occluding contour). Datasets need no files for it: the target is derived from the depth target — pixel p is positive
 * when one of its 4 neighbours q is farther by more than the option {@code jump} relative to p ({@code (d_q − d_p) /
 * d_p > jump}, default {@link #JUMP}), pixels without depth are ignored. Trained with balanced binary cross-entropy
 * (option {@code positive_weight}, default 0.95 as for edges), scored by {@link OcclusionMetric} (maximum F-measure
 * over thresholds), drawn in red.
 */
public final class OcclusionTask implements TaskProvider {
    /** The task name. */
    public static final String NAME = "occlusion";
    /** The relative depth jump that makes an occluding contour. */
    public static final double JUMP = 0.05;
    /** The option with the relative depth jump. */
    public static final String JUMP_OPTION = "jump";
    /** The option with the positive-class weight of the loss. */
    public static final String POSITIVE_WEIGHT = "positive_weight";
    /** The colour of occluding contours in pictures. */
    public static final int RED = 0xff3020;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "occlusion boundaries (near side of depth jumps), derived from depth targets";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.number(JUMP_OPTION, JUMP, "relative depth jump (d_far - d_near) / d_near that makes an "
                        + "occluding contour"),
                OptionSpec.number(POSITIVE_WEIGHT, 0.95, "weight of the positive class in the balanced "
                        + "cross-entropy"));
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.BINARY;
    }

    @Override
    public int outputChannels(TaskConfig config) {
        return 1;
    }

    @Override
    public Activation activation() {
        return Activation.SIGMOID;
    }

    @Override
    public PixelLoss loss(TaskConfig config) {
        return new BalancedBinaryCrossEntropy(1.0, 1, ((Number) config.options().get(POSITIVE_WEIGHT)).doubleValue());
    }

    @Override
    public Set<String> derivedFrom() {
        return Set.of("depth");
    }

    @Override
    public DenseMap deriveTarget(Map<String, DenseMap> sources, TaskConfig config) {
        return contours(sources.get("depth"), ((Number) config.options().get(JUMP_OPTION)).doubleValue());
    }

    /**
     * The occlusion target of a depth map (metres, 0 = missing): 1 on occluding contours, 0 elsewhere, 255 unknown.
     *
     * @param jump the relative depth jump that makes a contour
     */
    public static DenseMap contours(DenseMap depth, double jump) {
        int h = depth.height();
        int w = depth.width();
        float[] d = depth.data();
        float[] out = new float[h * w];
        int[][] steps = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (!(d[p] > 0)) {
                    out[p] = TargetKind.IGNORE;
                    continue;
                }
                for (int[] s : steps) {
                    int yy = y + s[0];
                    int xx = x + s[1];
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w) {
                        continue;
                    }
                    float q = d[yy * w + xx];
                    if (q > 0 && (q - d[p]) / d[p] > jump) {
                        out[p] = 1;
                        break;
                    }
                }
            }
        }
        return new DenseMap(1, h, w, out);
    }

    @Override
    public void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels, float[] mask) {
        for (int i = 0; i < target.length; i++) {
            if (target[i] != TargetKind.IGNORE) {
                labels[i] = target[i];
                mask[i] = 1;
            }
        }
    }

    @Override
    public DenseMap decode(DenseMap activated) {
        return activated;
    }

    @Override
    public DenseMetric metric(TaskConfig config, EvalConfig eval) {
        return new OcclusionMetric();
    }

    @Override
    public String primaryMetric() {
        return "maxf";
    }

    /** Occluding contours in red, their probability as brightness, on black. */
    @Override
    public Picture render(DenseMap prediction, TaskConfig config, Palette palette) {
        BufferedImage img = new BufferedImage(prediction.width(), prediction.height(), BufferedImage.TYPE_INT_RGB);
        float[] p = prediction.data();
        for (int i = 0; i < prediction.pixels(); i++) {
            float v = Math.max(0, Math.min(1, p[i]));
            int r = Math.round(((RED >> 16) & 0xff) * v);
            int g = Math.round(((RED >> 8) & 0xff) * v);
            int b = Math.round((RED & 0xff) * v);
            img.setRGB(i % prediction.width(), i / prediction.width(), (r << 16) | (g << 8) | b);
        }
        return new Picture(img, List.of(new Picture.Swatch(RED, "occluding contour (p = 1)")), null);
    }
}
