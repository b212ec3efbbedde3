package org.hirmtl.model.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * An HRNet-style backbone (after HRNet-W18-small): parallel branches at strides 4, 8, 16 and 32 that keep their
 * resolution and repeatedly exchange information.
 *
 * <p>Architecture: a stem of two 3×3 stride-2 ConvBNReLUs takes the image to stride 4 with {@code stem_width}
 * channels; stage 1 is {@code stage1_blocks} {@linkplain BasicBlock basic blocks} on that single branch. Before each
 * of stages 2, 3 and 4 a transition adds a branch at half the resolution of the lowest one (a 3×3 stride-2
 * ConvBNReLU from it) and adapts existing branches whose width changes (3×3 ConvBNReLU), so stage {@code k} has
 * {@code k} branches with {@code widths[0..k-1]} channels. Each stage is {@code modules[k-2]} exchange units; a unit
 * runs {@code blocks[k-2]} basic blocks on every branch, then fuses: output branch {@code i} is
 * {@code ReLU(Σ_j f_ij(x_j))} with {@code f_ii} the identity; for a lower-resolution input {@code j > i} a 1×1
 * conv + BN to {@code widths[i]} followed by upsampling ×2^(j−i) — <b>nearest</b> by default, as in the HRNet
 * reference code, or bilinear ({@link ModelGraph#upsampleTo}) with {@code upsample: bilinear}; for a
 * higher-resolution input {@code j < i} a chain of {@code i − j} 3×3 stride-2 conv + BN (ReLU between them,
 * not after the last; intermediate widths {@code widths[j]}). The outputs are the four branches after stage 4.
 *
 * <p>Config: {@code model.backbone.widths} — none (18, 36, 72, 144) or exactly 4 branch widths;
 * {@code model.backbone.options}: {@code stem_width} (default 64 with the standard widths, {@code widths[0]} with
 * configured ones), {@code stage1_blocks} (default 1), {@code blocks} (per branch per unit, one number or one per
 * stage 2–4, default 1), {@code modules} (units per stage 2–4, one number or three, default 1), {@code upsample}
 * ({@code nearest} | {@code bilinear}). Nearest is the default, as in the HRNet reference code; bilinear is
 * PyTorch's {@code interpolate(align_corners=False)}, borders included. Vertices are named
 * {@code backbone/stem/conv1/conv}, {@code backbone/stage1/block1/...}, {@code backbone/transition3/s16/...},
 * {@code backbone/stage3/module1/s8/block1/...} and {@code backbone/stage3/module1/fuse_s8/from_s16/...}.
 */
public final class HrNetBackbone implements BackboneFactory {
    /** The registered name. */
    public static final String NAME = "hrnet";
    /** HRNet-W18 branch widths. */
    static final int[] DEFAULT_WIDTHS = {18, 36, 72, 144};
    static final int DEFAULT_STEM_WIDTH = 64;
    static final String STEM_WIDTH = "stem_width";
    static final String STAGE1_BLOCKS = "stage1_blocks";
    static final String BLOCKS = "blocks";
    static final String MODULES = "modules";
    static final String UPSAMPLE = "upsample";
    static final String NEAREST = "nearest";
    static final String BILINEAR = "bilinear";

    /** The resolved settings of one configuration. */
    private record Layout(int[] widths, int stemWidth, int stage1Blocks, int[] blocks, int[] modules,
                          boolean bilinear) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.optional(STEM_WIDTH, OptionSpec.Type.INTEGER, "stem channels (default: the first width)"),
                OptionSpec.integer(STAGE1_BLOCKS, 1, "bottleneck blocks of stage 1"),
                OptionSpec.list(BLOCKS, OptionSpec.Type.INTEGER_LIST, List.of(1, 1, 1),
                        "basic blocks per branch in stages 2-4"),
                OptionSpec.list(MODULES, OptionSpec.Type.INTEGER_LIST, List.of(1, 1, 1),
                        "modules (multi-resolution units) in stages 2-4"),
                OptionSpec.choice(UPSAMPLE, NEAREST, List.of(NEAREST, BILINEAR),
                        "how fusion upsamples lower-resolution branches"));
    }

    @Override
    public List<FeatureSpec> features(BackboneConfig config) {
        int[] widths = layout(config).widths();
        List<FeatureSpec> specs = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            specs.add(new FeatureSpec(widths[b], stride(b)));
        }
        return List.copyOf(specs);
    }

    @Override
    public List<Handle> build(ModelGraph g, Handle image, BackboneConfig config) {
        Layout l = layout(config);
        Handle s2 = g.convBn("backbone/stem/conv1", image, l.stemWidth(), 3, 2, Activation.RELU);
        Handle s4 = g.convBn("backbone/stem/conv2", s2, l.stemWidth(), 3, 2, Activation.RELU);
        List<Handle> branches = List.of(BasicBlock.chain(g, "backbone/stage1", s4, l.stemWidth(), 1,
                l.stage1Blocks(), false));
        for (int stage = 2; stage <= 4; stage++) {
            branches = transition(g, "backbone/transition" + stage, branches, l.widths());
            for (int m = 1; m <= l.modules()[stage - 2]; m++) {
                branches = exchange(g, "backbone/stage" + stage + "/module" + m, branches, l.blocks()[stage - 2],
                        l.bilinear());
            }
        }
        return branches;
    }

    /** Adapts the existing branches to their widths and adds one branch at half the lowest resolution. */
    private static List<Handle> transition(ModelGraph g, String name, List<Handle> in, int[] widths) {
        List<Handle> out = new ArrayList<>();
        for (int b = 0; b < in.size(); b++) {
            Handle h = in.get(b);
            out.add(h.channels() == widths[b] ? h
                    : g.convBn(name + "/s" + stride(b), h, widths[b], 3, 1, Activation.RELU));
        }
        int b = in.size();
        out.add(g.convBn(name + "/s" + stride(b), in.get(b - 1), widths[b], 3, 2, Activation.RELU));
        return List.copyOf(out);
    }

    /** One exchange unit: basic blocks per branch, then the all-to-all fuse. */
    private static List<Handle> exchange(ModelGraph g, String name, List<Handle> in, int blocks,
                                         boolean bilinear) {
        List<Handle> x = new ArrayList<>();
        for (int b = 0; b < in.size(); b++) {
            Handle h = in.get(b);
            x.add(BasicBlock.chain(g, name + "/s" + stride(b), h, h.channels(), 1, blocks, false));
        }
        List<Handle> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            String fuse = name + "/fuse_s" + stride(i);
            List<Handle> terms = new ArrayList<>();
            for (int j = 0; j < x.size(); j++) {
                terms.add(i == j ? x.get(j) : resample(g, fuse + "/from_s" + stride(j), x.get(j), x.get(i), bilinear));
            }
            Handle sum = g.add(fuse + "/add", terms.toArray(Handle[]::new));
            out.add(g.activation(fuse + "/relu", sum, Activation.RELU));
        }
        return List.copyOf(out);
    }

    /** Brings {@code from} to the channels and stride of {@code to}. */
    private static Handle resample(ModelGraph g, String name, Handle from, Handle to, boolean bilinear) {
        if (from.stride() > to.stride()) {
            Handle c = g.convBn(name, from, to.channels(), 1, 1, Activation.IDENTITY);
            if (bilinear) {
                return g.upsampleTo(name + "/up", c, to.stride());
            }
            // ModelGraph.layer multiplies strides; an upsampling layer divides it, so the handle is re-typed
            Handle up = g.layer(name + "/up", new Upsampling2D.Builder(c.stride() / to.stride()).build(),
                    c.channels(), 1, c);
            return new Handle(up.node(), up.channels(), to.stride());
        }
        Handle h = from;
        for (int k = 1; h.stride() < to.stride(); k++) {
            boolean last = h.stride() * 2 == to.stride();
            h = g.convBn(name + "/down" + k, h, last ? to.channels() : from.channels(), 3, 2,
                    last ? Activation.IDENTITY : Activation.RELU);
        }
        return h;
    }

    private static Layout layout(BackboneConfig config) {
        int[] widths = BackboneOptions.widths(NAME, config.widths(), DEFAULT_WIDTHS);
        BackboneOptions o = BackboneOptions.of(NAME, config.options(),
                Set.of(STEM_WIDTH, STAGE1_BLOCKS, BLOCKS, MODULES, UPSAMPLE));
        int stem = o.positive(STEM_WIDTH, config.widths().isEmpty() ? DEFAULT_STEM_WIDTH : widths[0]);
        return new Layout(widths, stem, o.positive(STAGE1_BLOCKS, 1), o.positives(BLOCKS, new int[] {1, 1, 1}),
                o.positives(MODULES, new int[] {1, 1, 1}),
                BILINEAR.equals(o.choice(UPSAMPLE, NEAREST, List.of(NEAREST, BILINEAR))));
    }

    private static int stride(int branch) {
        return 4 << branch;
    }
}
