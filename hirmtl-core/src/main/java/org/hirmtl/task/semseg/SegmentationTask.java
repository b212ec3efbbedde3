package org.hirmtl.task.semseg;

import java.util.List;
import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.eval.metrics.SegmentationMetric;
import org.hirmtl.task.TaskOptions;
import org.nd4j.linalg.activations.Activation;

/**
 * Per-pixel classification: semantic segmentation ({@code semseg}) and human parts ({@code parts}). Output: K class
 * scores (softmax); loss: cross-entropy over labelled pixels (255 = ignore); metric: mIoU, pixel accuracy.
 * Option {@code classes} (K).
 */
public final class SegmentationTask implements TaskProvider {
    private final String name;
    private final int defaultClasses;

    /** @param name the task name @param defaultClasses K when {@code options.classes} is absent (0 = required) */
    public SegmentationTask(String name, int defaultClasses) {
        this.name = name;
        this.defaultClasses = defaultClasses;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<OptionSpec> options() {
        OptionSpec classes = defaultClasses == 0
                ? OptionSpec.required("classes", OptionSpec.Type.INTEGER, "number of classes K (2..254)")
                : OptionSpec.integer("classes", defaultClasses, "number of classes K (2..254)");
        return List.of(classes, OptionSpec.optional("class_names", OptionSpec.Type.TEXT_LIST,
                "one name per class, for picture legends (default: the dataset's names, else 'class k')"));
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.LABELS;
    }

    @Override
    public int outputChannels(TaskConfig config) {
        TaskOptions.checkKeys(name, config, Set.of("classes", "class_names"));
        int k = TaskOptions.integer(name, config, "classes", defaultClasses);
        if (k < 2 || k > 254) {
            throw new IllegalArgumentException("tasks." + name + ".options.classes: "
                    + (k == 0 ? "required" : "must be in 2..254, got " + k));
        }
        Object names = config.options().get("class_names");
        if (names != null && (!(names instanceof java.util.List<?> l) || l.size() != k
                || l.stream().anyMatch(x -> !(x instanceof String)))) {
            throw new IllegalArgumentException("tasks." + name + ".options.class_names: expected a list of " + k
                    + " names (one per class, for picture legends), got " + names);
        }
        return k;
    }

    @Override
    public Activation activation() {
        return Activation.SOFTMAX;
    }

    @Override
    public PixelLoss loss(TaskConfig config) {
        return new PixelCrossEntropy();
    }

    @Override
    public void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels, float[] mask) {
        int k = outputChannels(config);
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                float v = target[i * plane + p];
                if (v == TargetKind.IGNORE) {
                    continue;
                }
                int cls = (int) v;
                if (cls < 0 || cls >= k || cls != v) {
                    throw new IllegalArgumentException(name + " label " + v + " is not a class id below " + k
                            + " (tasks." + name + ".options.classes)");
                }
                labels[(i * k + cls) * plane + p] = 1f;
                mask[i * plane + p] = 1f;
            }
        }
    }

    @Override
    public DenseMap decode(DenseMap activated) {
        return activated;
    }

    @Override
    public DenseMetric metric(TaskConfig config, EvalConfig eval) {
        return new SegmentationMetric(outputChannels(config));
    }

    @Override
    public String primaryMetric() {
        return "miou";
    }

    @Override
    public TrivialBaseline baseline(TaskConfig config) {
        int k = outputChannels(config);
        long[] counts = new long[k];
        return new TrivialBaseline() {
            @Override
            public String description() {
                return "majority class";
            }

            @Override
            public void observe(DenseMap target) {
                for (float v : target.data()) {
                    if (v != TargetKind.IGNORE && v >= 0 && v < k) {
                        counts[(int) v]++;
                    }
                }
            }

            @Override
            public DenseMap predict(int h, int w) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    best = counts[c] > counts[best] ? c : best;
                }
                DenseMap out = DenseMap.zeros(k, h, w);
                java.util.Arrays.fill(out.data(), best * h * w, (best + 1) * h * w, 1f);
                return out;
            }
        };
    }
}
