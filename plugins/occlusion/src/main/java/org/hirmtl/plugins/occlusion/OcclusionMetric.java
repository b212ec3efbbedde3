package org.hirmtl.plugins.occlusion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;

/**
 * Pixel-exact precision and recall of occluding contours at 19 thresholds 0.05, 0.10, …, 0.95, pooled over the split;
 * reports the maximum F-measure ({@code maxf}) and the precision and recall at that threshold.
 */
public final class OcclusionMetric implements DenseMetric {
    static final int THRESHOLDS = 19;
    private final long[] tp = new long[THRESHOLDS];
    private final long[] fp = new long[THRESHOLDS];
    private long positives;

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        if (prediction.height() != target.height() || prediction.width() != target.width()) {
            throw new IllegalArgumentException("prediction " + prediction.sizeString() + " and target "
                    + target.sizeString() + " differ in size");
        }
        float[] p = prediction.data();
        float[] t = target.data();
        for (float v : p) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("prediction has a non-finite value " + v);
            }
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] == TargetKind.IGNORE) {
                continue;
            }
            boolean pos = t[i] == 1;
            if (pos) {
                positives++;
            }
            for (int k = 0; k < THRESHOLDS; k++) {
                if (p[i] >= threshold(k)) {
                    if (pos) {
                        tp[k]++;
                    } else {
                        fp[k]++;
                    }
                }
            }
        }
    }

    static double threshold(int k) {
        return 0.05 * (k + 1);
    }

    @Override
    public Map<String, Double> results() {
        double best = Double.NaN;
        double bp = Double.NaN;
        double br = Double.NaN;
        for (int k = 0; k < THRESHOLDS; k++) {
            double prec = tp[k] + fp[k] == 0 ? 0 : (double) tp[k] / (tp[k] + fp[k]);
            double rec = positives == 0 ? Double.NaN : (double) tp[k] / positives;
            double f = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
            if (!Double.isNaN(rec) && (Double.isNaN(best) || f > best)) {
                best = f;
                bp = prec;
                br = rec;
            }
        }
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("maxf", best);
        r.put("precision", bp);
        r.put("recall", br);
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        if (!(other instanceof OcclusionMetric o)) {
            throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName());
        }
        for (int k = 0; k < THRESHOLDS; k++) {
            tp[k] += o.tp[k];
            fp[k] += o.fp[k];
        }
        positives += o.positives;
    }

    @Override
    public DenseMetric fresh() {
        return new OcclusionMetric();
    }

    @Override
    public List<MetricInfo> infos() {
        return List.of(new MetricInfo("maxf", Direction.HIGHER, "maximum F-measure over thresholds 0.05..0.95"),
                new MetricInfo("precision", Direction.HIGHER, "precision at the maxf threshold"),
                new MetricInfo("recall", Direction.HIGHER, "recall at the maxf threshold"));
    }
}
