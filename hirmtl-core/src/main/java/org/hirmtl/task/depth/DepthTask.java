package org.hirmtl.task.depth;

import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.eval.metrics.DepthMetric;
import org.hirmtl.task.MeanBaseline;
import org.hirmtl.task.TaskOptions;
import org.nd4j.linalg.activations.Activation;

/**
 * Metric depth ({@code depth}): one linear output in metres plus a constant prior {@code options.offset} (default
 * {@value #DEFAULT_OFFSET} m, near typical indoor depth: NYUD's mean is about 2.6 m), so the head starts near the
 * right range instead of 0 — with Adam's bounded steps a zero-initialised head otherwise needs thousands of steps
 * just to reach the mean depth. Masked L1 over valid pixels (0 = missing); RMSE.
 */
public final class DepthTask implements TaskProvider {
    /** The registered name. */
    public static final String NAME = "depth";
    /** The default depth prior in metres. */
    public static final double DEFAULT_OFFSET = 2.5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.number("offset", DEFAULT_OFFSET,
                "metres added to the head's output, so training starts near typical depths"));
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.DEPTH;
    }

    @Override
    public int outputChannels(TaskConfig config) {
        TaskOptions.checkKeys(NAME, config, Set.of("offset"));
        return 1;
    }

    @Override
    public Activation activation() {
        return Activation.IDENTITY;
    }

    @Override
    public PixelLoss loss(TaskConfig config) {
        return new MaskedL1();
    }

    @Override
    public Handle finish(ModelGraph graph, String scope, Handle output, TaskConfig config) {
        double offset = TaskOptions.number(NAME, config, "offset", DEFAULT_OFFSET);
        return graph.vertex(scope + "/offset", new ShiftVertex(offset), 1, output.stride(), output);
    }

    @Override
    public void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels, float[] mask) {
        for (int i = 0; i < target.length; i++) {
            float d = target[i];
            if (d > 0 && Float.isFinite(d)) {
                labels[i] = d;
                mask[i] = 1f;
            }
        }
    }

    @Override
    public DenseMap decode(DenseMap activated) {
        return activated;
    }

    @Override
    public DenseMetric metric(TaskConfig config, EvalConfig eval) {
        return new DepthMetric();
    }

    @Override
    public String primaryMetric() {
        return "rmse";
    }

    @Override
    public TrivialBaseline baseline(TaskConfig config) {
        return new MeanBaseline("mean training depth", 1, (d, plane, p) -> d[p] > 0 && Float.isFinite(d[p]), false);
    }
}
