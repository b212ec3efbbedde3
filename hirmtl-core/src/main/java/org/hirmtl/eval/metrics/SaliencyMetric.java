package org.hirmtl.eval.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;

/**
 * Salient-object detection metrics, pooled over every valid pixel of the split.
 *
 * <p>Prediction: {@code 1×H×W} probabilities in [0, 1] (values outside are rejected: logits passed by mistake).
 * Target: {@code 1×H×W}, 1 = salient, 0 = background, {@value TargetKind#IGNORE} = ignore. Thresholds
 * {@code t_k = k/20}, {@code k = 1..19} (0.05, 0.10, …, 0.95), compared in float: a pixel is predicted salient at
 * {@code t_k} iff {@code p > t_k} (a probability exactly at a threshold is background there). Per threshold, pooled
 * over the split: {@code TP_k, FP_k, FN_k}, and
 * <pre>
 *   P_k = TP_k / (TP_k + FP_k)     (0 when nothing is predicted salient)
 *   R_k = TP_k / (TP_k + FN_k)     (0 when nothing is salient)
 *   F_k = (1 + β²)·P_k·R_k / (β²·P_k + R_k),  β² = 0.3   (0 when P_k = R_k = 0)
 * </pre>
 * <ul>
 *   <li>{@code "maxf"} = max over k of {@code F_k} (ATRC's pooled maxF with β² = 0.3);</li>
 *   <li>{@code "miou"} = two-class mIoU of the binary segmentation at {@code t = 0.5}: the mean of
 *       {@code TP/(TP+FP+FN)} (salient) and {@code TN/(TN+FN+FP)} (background), pooled over the split; a class with
 *       an empty union is excluded, as in {@link SegmentationMetric}.</li>
 * </ul>
 * Fractions in [0, 1]; NaN before any valid pixel. Differences from the anchors' code, stated so numbers are
 * compared knowingly: ATRC's {@code MaxF} scores the float probability in memory with {@code p >= t} (equal except
 * for a probability exactly at a threshold) and reports no mIoU; MTI-Net's {@code eval_sal} uses β² = 1, image-mean precision and recall, thresholds 0.2..0.9, and
 * is where the saliency mIoU of papers comes from ({@link MtiNetSaliencyMetric} reproduces it); InvPT's meter applies
 * a second sigmoid to the probabilities, so only six distinct masks are tested (docs/metrics.md).
 */
public final class SaliencyMetric implements DenseMetric {

    /** β² of the F-measure. */
    public static final double BETA_SQUARED = 0.3;
    /** Number of thresholds, {@code k/20} for {@code k = 1..19}. */
    public static final int THRESHOLD_COUNT = 19;
    /** Index of the threshold 0.5 in {@link #thresholds()}, used for {@code "miou"}. */
    public static final int HALF = 9;

    private static final float[] THRESHOLDS = new float[THRESHOLD_COUNT];

    static {
        for (int k = 0; k < THRESHOLD_COUNT; k++) {
            THRESHOLDS[k] = (float) ((k + 1) / 20.0);
        }
    }

    /** The names and directions of {@link #results()}. */
    public static final List<MetricInfo> INFOS = List.of(
            new MetricInfo("maxf", Direction.HIGHER,
                    "max over thresholds 0.05..0.95 of pooled F-beta, beta^2 = 0.3 (fraction)"),
            new MetricInfo("miou", Direction.HIGHER,
                    "mean of salient and background IoU at threshold 0.5, pooled (fraction)"));

    private final long[] tp = new long[THRESHOLD_COUNT];
    private final long[] fp = new long[THRESHOLD_COUNT];
    private final long[] fn = new long[THRESHOLD_COUNT];
    private long valid;

    /** An empty metric. */
    public SaliencyMetric() {
    }

    /** The thresholds 0.05, 0.10, …, 0.95 (as the float values the comparison uses). */
    public static double[] thresholds() {
        double[] t = new double[THRESHOLD_COUNT];
        for (int k = 0; k < THRESHOLD_COUNT; k++) {
            t[k] = THRESHOLDS[k];
        }
        return t;
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        MetricInputs.requireShapes("saliency", prediction, target, 1, 1);
        MetricInputs.requireFinite(prediction);
        // above[g][m]: pixels with target g whose probability exceeds exactly the m lowest thresholds
        long[][] above = new long[2][THRESHOLD_COUNT + 1];
        float[] pd = prediction.data();
        float[] gd = target.data();
        for (int i = 0; i < gd.length; i++) {
            float g = gd[i];
            if (g == TargetKind.IGNORE) {
                continue;
            }
            if (g != 0 && g != 1) {
                throw new IllegalArgumentException("saliency target " + g + " at pixel "
                        + MetricInputs.where(target, i) + " is not 0, 1 or " + TargetKind.IGNORE + " (ignore)");
            }
            float p = pd[i];
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("saliency prediction " + p + " at pixel "
                        + MetricInputs.where(prediction, i) + " is not a probability in [0, 1]");
            }
            int m = 0;
            while (m < THRESHOLD_COUNT && p > THRESHOLDS[m]) {
                m++;
            }
            above[(int) g][m]++;
        }
        addCounts(above);
    }

    private void addCounts(long[][] above) {
        long positives = 0;
        for (int g = 0; g < 2; g++) {
            for (long c : above[g]) {
                valid += c;
                positives += g == 1 ? c : 0;
            }
        }
        long tpK = 0;
        long fpK = 0;
        for (int k = THRESHOLD_COUNT - 1; k >= 0; k--) {
            tpK += above[1][k + 1];
            fpK += above[0][k + 1];
            tp[k] += tpK;
            fp[k] += fpK;
            fn[k] += positives - tpK;
        }
    }

    /** {@code F_k} per threshold (see the class documentation); NaN entries before any valid pixel. */
    public double[] fMeasures() {
        double[] f = new double[THRESHOLD_COUNT];
        for (int k = 0; k < THRESHOLD_COUNT; k++) {
            f[k] = valid == 0 ? Double.NaN : fMeasure(tp[k], fp[k], fn[k]);
        }
        return f;
    }

    private static double fMeasure(long tp, long fp, long fn) {
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double den = BETA_SQUARED * precision + recall;
        return den == 0 ? 0 : (1 + BETA_SQUARED) * precision * recall / den;
    }

    /** Max over thresholds of {@code F_k}; NaN before any valid pixel. */
    public double maxF() {
        double best = Double.NaN;
        for (double f : fMeasures()) {
            best = Double.isNaN(best) ? f : Math.max(best, f);
        }
        return best;
    }

    /** Mean of salient and background IoU at 0.5 (empty-union classes excluded); NaN before any valid pixel. */
    public double miou() {
        long tpH = tp[HALF];
        long fpH = fp[HALF];
        long fnH = fn[HALF];
        long tnH = valid - tpH - fpH - fnH;
        double salient = MetricInputs.ratio(tpH, (double) tpH + fpH + fnH);
        double background = MetricInputs.ratio(tnH, (double) tnH + fpH + fnH);
        if (Double.isNaN(salient)) {
            return background;
        }
        return Double.isNaN(background) ? salient : (salient + background) / 2;
    }

    @Override
    public Map<String, Double> results() {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("maxf", maxF());
        r.put("miou", miou());
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        SaliencyMetric o = MetricInputs.mergeable(SaliencyMetric.class, other);
        for (int k = 0; k < THRESHOLD_COUNT; k++) {
            tp[k] += o.tp[k];
            fp[k] += o.fp[k];
            fn[k] += o.fn[k];
        }
        valid += o.valid;
    }

    @Override
    public SaliencyMetric fresh() {
        return new SaliencyMetric();
    }

    @Override
    public List<MetricInfo> infos() {
        return INFOS;
    }
}
