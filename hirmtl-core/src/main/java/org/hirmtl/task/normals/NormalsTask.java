package org.hirmtl.task.normals;

import java.util.Set;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.eval.metrics.NormalsMetric;
import org.hirmtl.model.vertices.ChannelL2NormalizeVertex;
import org.hirmtl.task.MeanBaseline;
import org.hirmtl.task.TaskOptions;
import org.nd4j.linalg.activations.Activation;

/**
 * Surface normals ({@code normals}): three outputs L2-normalised per pixel inside the graph, L1 against unit
 * normals over valid pixels (all-zero = invalid); metric: mean/median angle error, % within 11.25/22.5/30°.
 */
public final class NormalsTask implements TaskProvider {
    /** The registered name. */
    public static final String NAME = "normals";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.NORMALS;
    }

    @Override
    public int outputChannels(TaskConfig config) {
        TaskOptions.checkKeys(NAME, config, Set.of());
        return 3;
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
        return graph.vertex(scope + "/l2norm", new ChannelL2NormalizeVertex(), output.channels(),
                output.stride(), output);
    }

    @Override
    public void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels, float[] mask) {
        int plane = h * w;
        System.arraycopy(target, 0, labels, 0, target.length);
        for (int i = 0; i < n; i++) {
            int base = i * 3 * plane;
            for (int p = 0; p < plane; p++) {
                boolean valid = target[base + p] != 0 || target[base + plane + p] != 0
                        || target[base + 2 * plane + p] != 0;
                mask[i * plane + p] = valid ? 1f : 0f;
            }
        }
    }

    @Override
    public DenseMap decode(DenseMap activated) {
        return activated;
    }

    @Override
    public DenseMetric metric(TaskConfig config, EvalConfig eval) {
        return new NormalsMetric(NormalsMetric.Protocol.of(eval.normalsProtocol()));
    }

    @Override
    public String primaryMetric() {
        return "mean";
    }

    @Override
    public TrivialBaseline baseline(TaskConfig config) {
        return new MeanBaseline("mean training normal", 3, (d, plane, p) -> true, true);
    }
}
