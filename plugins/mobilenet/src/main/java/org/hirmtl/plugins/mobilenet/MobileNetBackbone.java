package org.hirmtl.plugins.mobilenet;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Backbone {@code mobilenet}: a MobileNet-v1-style network of depthwise-separable convolutions. A 3×3 stride-2
 * convolution stem, then one separable block (3×3 depthwise convolution + BN + ReLU, 1×1 pointwise convolution + BN +
 * ReLU) at stride 2, then four stages at strides 4, 8, 16 and 32, each a stride-2 separable block followed by
 * {@code options.blocks} (default 1) stride-1 blocks. Outputs the four stages with {@code model.backbone.widths}
 * channels (default 64, 128, 256, 512; exactly 4 if given). Option {@code width_multiplier} (default 1.0) scales the
 * default widths.
 */
public final class MobileNetBackbone implements BackboneFactory {
    /** The registered name. */
    public static final String NAME = "mobilenet";
    static final int[] DEFAULT_WIDTHS = {64, 128, 256, 512};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.integer("blocks", 1, "stride-1 depthwise-separable blocks per stage").atLeast(0),
                OptionSpec.number("width_multiplier", 1.0, "multiplies every stage's width").greaterThan(0));
    }

    @Override
    public List<FeatureSpec> features(BackboneConfig config) {
        int[] w = widths(config);
        blocks(config);
        List<FeatureSpec> specs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            specs.add(new FeatureSpec(w[s], 4 << s));
        }
        return specs;
    }

    @Override
    public List<Handle> build(ModelGraph g, Handle image, BackboneConfig config) {
        int[] w = widths(config);
        int blocks = blocks(config);
        int stem = Math.max(8, w[0] / 2);
        Handle x = g.convBn("backbone/stem", image, stem, 3, 2, Activation.RELU);
        x = separable(g, "backbone/stem/sep", x, stem, 1);
        List<Handle> out = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            String scope = "backbone/s" + (4 << s);
            x = separable(g, scope + "/down", x, w[s], 2);
            for (int b = 0; b < blocks; b++) {
                x = separable(g, scope + "/b" + b, x, w[s], 1);
            }
            out.add(x);
        }
        return out;
    }

    /** Depthwise 3×3 (stride {@code stride}) + BN + ReLU, then pointwise 1×1 to {@code out} + BN + ReLU. */
    static Handle separable(ModelGraph g, String name, Handle in, int out, int stride) {
        Handle dw = g.layer(name + "/dw", new DepthwiseConvolution2D.Builder(3, 3).stride(stride, stride)
                .depthMultiplier(1).nIn(in.channels()).nOut(in.channels()).hasBias(false)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(),
                in.channels(), stride, in);
        Handle bn = g.batchNorm(name + "/dw", dw, Activation.RELU);
        return g.convBn(name + "/pw", bn, out, 1, 1, Activation.RELU);
    }

    static int[] widths(BackboneConfig config) {
        double mult = number(config, "width_multiplier", 1.0);
        if (!(mult > 0)) {
            throw new IllegalArgumentException("model.backbone.options.width_multiplier: must be positive, got "
                    + mult);
        }
        if (config.widths().isEmpty()) {
            int[] w = new int[4];
            for (int i = 0; i < 4; i++) {
                w[i] = Math.max(8, (int) Math.round(DEFAULT_WIDTHS[i] * mult));
            }
            return w;
        }
        if (config.widths().size() != 4) {
            throw new IllegalArgumentException("model.backbone.widths: backbone 'mobilenet' needs exactly 4 widths, got "
                    + config.widths().size());
        }
        return config.widths().stream().mapToInt(Integer::intValue).toArray();
    }

    static int blocks(BackboneConfig config) {
        double b = number(config, "blocks", 1);
        if (b < 0 || b != Math.rint(b)) {
            throw new IllegalArgumentException("model.backbone.options.blocks: must be a whole number ≥ 0, got " + b);
        }
        return (int) b;
    }

    private static double number(BackboneConfig config, String key, double fallback) {
        Object v = config.options().get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("model.backbone.options." + key + ": expected a number, got " + v);
        }
        return n.doubleValue();
    }
}
