package org.hirmtl.task.edge;

import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.eval.boundary.EdgeMetric;
import org.hirmtl.task.BinaryMapTask;

/**
 * Boundaries ({@code edge}): sigmoid probability, balanced BCE with positive weight 0.95 (NYUD); metric: odsF, oisF,
 * AP by the BSDS protocol with {@code eval.edge_max_dist}; with {@code eval.edge_protocol: seism} also the SEISM
 * pipeline's {@code odsf[seism]}, {@code oisf[seism]}, {@code ap[seism]}.
 */
public final class EdgeTask extends BinaryMapTask {
    /** The registered name. */
    public static final String NAME = "edge";

    /** Positive weight 0.95 by default (MTI-Net's NYUD setting). */
    public EdgeTask() {
        super(NAME, 0.95);
    }

    @Override
    public DenseMetric metric(TaskConfig config, EvalConfig eval) {
        return EdgeMetric.of(eval.edgeMaxDist(), "seism".equals(eval.edgeProtocol()));
    }

    @Override
    public String primaryMetric() {
        return "odsf";
    }
}
