package org.hirmtl.model.backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * The ResNet family with basic blocks (ResNet-18 = {@code {2,2,2,2}}, ResNet-34 = {@code {3,4,6,3}} blocks per
 * stage), with configurable widths.
 *
 * <p>Architecture: a stem takes the image to stride 4 with {@code widths[0]} channels — by default ({@code stem:
 * conv7}) a 7×7 stride-2 convolution, batch norm, ReLU and a 3×3 stride-2 max pool; with {@code stem: conv3} two 3×3
 * stride-2 ConvBNReLUs (no pooling), which keeps more detail and is cheaper on narrow networks. Four stages follow,
 * at strides 4, 8, 16 and 32 with {@code widths[0..3]} channels (default 64, 128, 256, 512). Each stage is a chain of
 * {@linkplain BasicBlock basic blocks} (conv3×3-BN-ReLU-conv3×3-BN plus a shortcut, ReLU after the sum); the first
 * block of stages 2–4 has stride 2 and a 1×1 stride-2 conv + BN shortcut. The outputs are the four stage outputs.
 * Convolutions and the pool are padded as in torchvision ({@link TorchPadding}), so torchvision's weights give
 * torchvision's features.
 *
 * <p>Config: {@code model.backbone.widths} — none (standard widths) or exactly 4; {@code model.backbone.options}:
 * {@code stem} ({@code conv7} | {@code conv3}) and {@code weights} (a torchvision {@code state_dict} as {@code .npz},
 * loaded into a new model: {@link TorchvisionWeights}). Vertices are named {@code backbone/stem/...} and
 * {@code backbone/layer{1..4}/block{i}/conv1/conv} etc. (blocks counted from 1).
 */
public final class ResNetBackbone implements BackboneFactory {
    /** The standard widths of ResNet-18/34. */
    static final int[] DEFAULT_WIDTHS = {64, 128, 256, 512};
    /** Option: the stem variant. */
    static final String STEM = "stem";
    static final String STEM_CONV7 = "conv7";
    static final String STEM_CONV3 = "conv3";
    /** Option: a torchvision state_dict (.npz) to start from. */
    static final String WEIGHTS = "weights";

    private final String name;
    private final int[] blocks;

    /**
     * @param name the registered name, e.g. {@code resnet18}
     * @param blocks basic blocks per stage, exactly 4 positive counts
     */
    public ResNetBackbone(String name, int[] blocks) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("backbone name must not be empty");
        }
        if (blocks == null || blocks.length != 4 || Arrays.stream(blocks).anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException(name + ": needs 4 positive block counts, got "
                    + Arrays.toString(blocks));
        }
        this.name = name;
        this.blocks = blocks.clone();
    }

    /** ResNet-18: 2, 2, 2, 2 basic blocks. */
    public static ResNetBackbone resnet18() {
        return new ResNetBackbone("resnet18", new int[] {2, 2, 2, 2});
    }

    /** ResNet-34: 3, 4, 6, 3 basic blocks. */
    public static ResNetBackbone resnet34() {
        return new ResNetBackbone("resnet34", new int[] {3, 4, 6, 3});
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.choice(STEM, STEM_CONV7, List.of(STEM_CONV7, STEM_CONV3),
                "stem: one 7x7 stride-2 convolution and max pooling (torchvision), or two 3x3 stride-2 convolutions"),
                OptionSpec.text(WEIGHTS, null, "a torchvision " + name + " state_dict saved as .npz (docs/model.md): "
                        + "a new model starts from these weights; needs the standard widths and stem conv7"));
    }

    @Override
    public List<FeatureSpec> features(BackboneConfig config) {
        int[] widths = widths(config);
        stem(config); // validates the options now, so a bad config fails before anything is built
        List<FeatureSpec> specs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            specs.add(new FeatureSpec(widths[s], 4 << s));
        }
        return List.copyOf(specs);
    }

    @Override
    public List<Handle> build(ModelGraph g, Handle image, BackboneConfig config) {
        int[] widths = widths(config);
        Handle x = stem(g, image, widths[0], stem(config));
        List<Handle> outputs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            x = BasicBlock.chain(g, "backbone/layer" + (s + 1), x, widths[s], s == 0 ? 1 : 2, blocks[s], true);
            outputs.add(x);
        }
        return List.copyOf(outputs);
    }

    /** Image → stride 4 with {@code channels} channels. */
    private static Handle stem(ModelGraph g, Handle image, int channels, String variant) {
        if (STEM_CONV3.equals(variant)) {
            Handle s2 = TorchPadding.convBn(g, "backbone/stem/conv1", image, channels, 3, 2, Activation.RELU);
            return TorchPadding.convBn(g, "backbone/stem/conv2", s2, channels, 3, 2, Activation.RELU);
        }
        Handle s2 = TorchPadding.convBn(g, "backbone/stem", image, channels, 7, 2, Activation.RELU);
        return TorchPadding.maxPool(g, "backbone/stem/pool", s2, 3, 2);
    }

    /** Loads {@code options.weights} (a torchvision state_dict as .npz) when given. */
    @Override
    public void loadWeights(ComputationGraph graph, BackboneConfig config) throws IOException {
        Object file = config.options().get(WEIGHTS);
        if (file != null) {
            TorchvisionWeights.load(graph, Path.of((String) file), blocks, name);
        }
    }

    private int[] widths(BackboneConfig config) {
        return BackboneOptions.widths(name, config.widths(), DEFAULT_WIDTHS);
    }

    private String stem(BackboneConfig config) {
        return BackboneOptions.of(name, config.options(), Set.of(STEM, WEIGHTS))
                .choice(STEM, STEM_CONV7, List.of(STEM_CONV7, STEM_CONV3));
    }
}
