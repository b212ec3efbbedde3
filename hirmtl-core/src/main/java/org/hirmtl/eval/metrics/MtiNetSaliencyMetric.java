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
 * Saliency scored as MTI-Net's {@code eval_sal} scores it ({@code mask_thres = np.linspace(0.2, 0.9, 15)}), for
 * numbers that sit next to MTI-Net's tables; the toolkit's own definition is {@link SaliencyMetric}.
 *
 * <p>The prediction is first read as MTI-Net reads its saved PNG: {@code m = uint8(255·p) / 255} (the save truncates,
 * {@code astype(np.uint8)}), in float32. For each image {@code i} and threshold {@code t_j} (the 15 float64 values of
 * {@code linspace}, compared in float32 as NumPy 1.x does for a float32 array and a scalar), with {@code s = m > t_j}
 * and {@code g} the binary target:
 * <pre>
 *   J_ij = |s ∧ g| / |s ∨ g|          (1 when both are empty)
 *   P_ij = TP / (TP + FP + 1e-12),   R_ij = TP / (TP + FN + 1e-12)
 * </pre>
 * Then, averaged over images: {@code F_j = 2·P̄_j·R̄_j / (P̄_j + R̄_j + 1e-12)} (β² = 1), and
 * <ul>
 *   <li>{@code "maxf[mtinet]"} = max over j of {@code F_j};</li>
 *   <li>{@code "miou[mtinet]"} = max over j of the image-mean {@code J̄_j} (salient class only).</li>
 * </ul>
 * Ignored target pixels ({@value TargetKind#IGNORE}) are left out of every count (MTI-Net's saliency targets have
 * none). NaN before any image.
 */
public final class MtiNetSaliencyMetric implements DenseMetric {
    /** The protocol's name, appended to the metric names. */
    public static final String PROTOCOL = "mtinet";
    /** MTI-Net's thresholds, {@code np.linspace(0.2, 0.9, 15)}. */
    static final double[] THRESHOLDS = linspace(0.2, 0.9, 15);

    /** The names and directions of {@link #results()}. */
    public static final List<MetricInfo> INFOS = List.of(
            new MetricInfo("maxf[" + PROTOCOL + "]", Direction.HIGHER, "MTI-Net's eval_sal maxF: max over 15 "
                    + "thresholds 0.2..0.9 of F (beta^2 = 1) of image-mean precision and recall (fraction)"),
            new MetricInfo("miou[" + PROTOCOL + "]", Direction.HIGHER, "MTI-Net's eval_sal mIoU: max over the "
                    + "thresholds of the image-mean salient IoU (fraction)"));

    private final double[] jaccard = new double[THRESHOLDS.length];
    private final double[] precision = new double[THRESHOLDS.length];
    private final double[] recall = new double[THRESHOLDS.length];
    private long images;

    /** numpy's {@code linspace(start, stop, n)}: {@code start + j·step}, the last value exactly {@code stop}. */
    static double[] linspace(double start, double stop, int n) {
        double step = (stop - start) / (n - 1);
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = j * step + start;
        }
        v[n - 1] = stop;
        return v;
    }

    /** {@code uint8(255·p)/255} in float32, as a truncating 8-bit save reads back (PNG values survive it exactly). */
    static float quantise(float p) {
        double v = Math.floor(255.0 * p + 1e-4); // 1e-4: a value read from a PNG, k/255f, maps back to k
        return (float) (Math.max(0, Math.min(255, v)) / 255.0f);
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        MetricInputs.requireShapes("saliency", prediction, target, 1, 1);
        MetricInputs.requireFinite(prediction);
        float[] p = prediction.data();
        float[] g = target.data();
        int k = THRESHOLDS.length;
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[] fn = new long[k];
        float[] t = new float[k];
        for (int j = 0; j < k; j++) {
            t[j] = (float) THRESHOLDS[j];
        }
        for (int i = 0; i < g.length; i++) {
            float gv = g[i];
            if (gv == TargetKind.IGNORE) {
                continue;
            }
            if (gv != 0 && gv != 1) {
                throw new IllegalArgumentException("saliency target " + gv + " at pixel " + MetricInputs.where(target,
                        i) + " is not 0, 1 or " + TargetKind.IGNORE);
            }
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("saliency prediction " + p[i] + " at pixel "
                        + MetricInputs.where(prediction, i) + " is outside [0, 1] (probabilities expected)");
            }
            float m = quantise(p[i]);
            boolean salient = gv == 1;
            for (int j = 0; j < k; j++) {
                boolean s = m > t[j];
                if (s && salient) {
                    tp[j]++;
                } else if (s) {
                    fp[j]++;
                } else if (salient) {
                    fn[j]++;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            long union = tp[j] + fp[j] + fn[j];
            jaccard[j] += union == 0 ? 1.0 : tp[j] / (double) union;
            precision[j] += tp[j] / (tp[j] + fp[j] + 1e-12);
            recall[j] += tp[j] / (tp[j] + fn[j] + 1e-12);
        }
        images++;
    }

    @Override
    public Map<String, Double> results() {
        double maxF = Double.NaN;
        double maxIou = Double.NaN;
        if (images > 0) {
            maxF = Double.NEGATIVE_INFINITY;
            maxIou = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < THRESHOLDS.length; j++) {
                double mp = precision[j] / images;
                double mr = recall[j] / images;
                maxF = Math.max(maxF, 2 * mp * mr / (mp + mr + 1e-12));
                maxIou = Math.max(maxIou, jaccard[j] / images);
            }
        }
        Map<String, Double> r = new LinkedHashMap<>();
        r.put(INFOS.get(0).name(), maxF);
        r.put(INFOS.get(1).name(), maxIou);
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        MtiNetSaliencyMetric o = MetricInputs.mergeable(MtiNetSaliencyMetric.class, other);
        for (int j = 0; j < THRESHOLDS.length; j++) {
            jaccard[j] += o.jaccard[j];
            precision[j] += o.precision[j];
            recall[j] += o.recall[j];
        }
        images += o.images;
    }

    @Override
    public MtiNetSaliencyMetric fresh() {
        return new MtiNetSaliencyMetric();
    }

    @Override
    public List<MetricInfo> infos() {
        return INFOS;
    }
}
