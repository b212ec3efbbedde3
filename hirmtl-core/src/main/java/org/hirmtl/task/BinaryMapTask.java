package org.hirmtl.task;

import java.util.List;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.nd4j.linalg.activations.Activation;

/**
 * A binary per-pixel task (edges, saliency): one sigmoid output and balanced binary cross-entropy with option
 * {@code positive_weight} (a fixed weight of the positive class, or −1 = per batch {@code n_neg / n}).
 */
public abstract class BinaryMapTask implements TaskProvider {
    private final String name;
    private final double defaultPositiveWeight;

    /** @param name the task name @param defaultPositiveWeight the weight when the option is absent */
    protected BinaryMapTask(String name, double defaultPositiveWeight) {
        this.name = name;
        this.defaultPositiveWeight = defaultPositiveWeight;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.number("positive_weight", defaultPositiveWeight,
                "weight of the positive class in the balanced cross-entropy, in (0, 1); -1 = per batch"));
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.BINARY;
    }

    @Override
    public int outputChannels(TaskConfig config) {
        TaskOptions.checkKeys(name, config, Set.of("positive_weight"));
        double pw = positiveWeight(config);
        if (!(pw == -1 || (pw > 0 && pw < 1))) {
            throw new IllegalArgumentException("tasks." + name + ".options.positive_weight: must be in (0, 1) or -1 "
                    + "(per batch), got " + pw);
        }
        return 1;
    }

    private double positiveWeight(TaskConfig config) {
        return TaskOptions.number(name, config, "positive_weight", defaultPositiveWeight);
    }

    @Override
    public Activation activation() {
        return Activation.SIGMOID;
    }

    @Override
    public PixelLoss loss(TaskConfig config) {
        outputChannels(config);
        return new BalancedBinaryCrossEntropy(1.0, 1, positiveWeight(config));
    }

    @Override
    public void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels, float[] mask) {
        for (int i = 0; i < target.length; i++) {
            float v = target[i];
            if (v != TargetKind.IGNORE) {
                labels[i] = v;
                mask[i] = 1f;
            }
        }
    }

    @Override
    public DenseMap decode(DenseMap activated) {
        return activated;
    }

    @Override
    public TrivialBaseline baseline(TaskConfig config) {
        return new MeanBaseline("constant positive rate", 1, (d, plane, p) -> d[p] != TargetKind.IGNORE, false);
    }
}
