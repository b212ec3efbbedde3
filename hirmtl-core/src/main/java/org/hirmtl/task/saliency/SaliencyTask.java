package org.hirmtl.task.saliency;

import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.eval.metrics.CombinedMetric;
import org.hirmtl.eval.metrics.MtiNetSaliencyMetric;
import org.hirmtl.eval.metrics.SaliencyMetric;
import org.hirmtl.task.BinaryMapTask;

/**
 * Saliency ({@code saliency}): sigmoid probability, balanced BCE (per-batch weight by default); maxF, mIoU, and with
 * {@code eval.saliency_protocol: mtinet} also MTI-Net's {@code maxf[mtinet]}, {@code miou[mtinet]}.
 */
public final class SaliencyTask extends BinaryMapTask {
    /** The registered name. */
    public static final String NAME = "saliency";

    /** Per-batch balancing by default, as MTI-Net/ATRC. */
    public SaliencyTask() {
        super(NAME, -1);
    }

    @Override
    public DenseMetric metric(TaskConfig config, EvalConfig eval) {
        return "mtinet".equals(eval.saliencyProtocol())
                ? new CombinedMetric(new SaliencyMetric(), new MtiNetSaliencyMetric()) : new SaliencyMetric();
    }

    @Override
    public String primaryMetric() {
        return "maxf";
    }
}
