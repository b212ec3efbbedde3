package org.hirmtl.eval.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;

/**
 * Monocular depth metrics pooled over every valid pixel of the split (not averaged per image).
 *
 * <p>Prediction and target are {@code 1×H×W} depths in metres. A pixel is valid when its target {@code g} is finite
 * and {@code g > 0} (0 = missing). With {@code n} valid pixels over the split, prediction {@code p} and
 * {@code p' = max(p, 1e-6)}:
 * <ul>
 *   <li>{@code rmse = sqrt(Σ(p − g)² / n)} (metres; DESIGN §4's primary depth metric);</li>
 *   <li>{@code log_rmse = sqrt(Σ(ln p' − ln g)² / n)} — the prediction is clamped to ≥ {@value #MIN_PREDICTION} m
 *       so the logarithm is defined (MTI-Net clamps to 1e-9; the difference only shows for predictions ≤ 1e-6);</li>
 *   <li>{@code abs_rel = Σ(|p − g| / g) / n}, {@code sq_rel = Σ((p − g)² / g) / n};</li>
 *   <li>{@code delta1/2/3} = fraction of pixels with {@code max(p'/g, g/p') < 1.25, 1.25², 1.25³}.</li>
 * </ul>
 * Sums are accumulated in double, counts in long. All results are NaN before any valid pixel has been seen.
 */
public final class DepthMetric implements DenseMetric {

    /** Lower clamp (metres) applied to the prediction for {@code log_rmse} and the δ ratios. */
    public static final double MIN_PREDICTION = 1e-6;

    private static final double D1 = 1.25;
    private static final double D2 = 1.25 * 1.25;
    private static final double D3 = 1.25 * 1.25 * 1.25;

    /** The names and directions of {@link #results()}. */
    public static final List<MetricInfo> INFOS = List.of(
            new MetricInfo("rmse", Direction.LOWER, "sqrt(mean (p-g)^2) over valid pixels of the split (m)"),
            new MetricInfo("log_rmse", Direction.LOWER, "sqrt(mean (ln max(p,1e-6) - ln g)^2)"),
            new MetricInfo("abs_rel", Direction.LOWER, "mean |p-g|/g"),
            new MetricInfo("sq_rel", Direction.LOWER, "mean (p-g)^2/g (m)"),
            new MetricInfo("delta1", Direction.HIGHER, "fraction with max(p/g, g/p) < 1.25"),
            new MetricInfo("delta2", Direction.HIGHER, "fraction with max(p/g, g/p) < 1.25^2"),
            new MetricInfo("delta3", Direction.HIGHER, "fraction with max(p/g, g/p) < 1.25^3"));

    private long n;
    private double sumSq;
    private double sumLogSq;
    private double sumAbsRel;
    private double sumSqRel;
    private long within1;
    private long within2;
    private long within3;

    /** An empty metric. */
    public DepthMetric() {
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        MetricInputs.requireShapes("depth", prediction, target, 1, 1);
        MetricInputs.requireFinite(prediction);
        float[] pd = prediction.data();
        float[] gd = target.data();
        for (int i = 0; i < gd.length; i++) {
            double g = gd[i];
            if (!(g > 0) || Double.isInfinite(g)) {
                continue;
            }
            double p = pd[i];
            double d = p - g;
            double pc = Math.max(p, MIN_PREDICTION);
            double logDiff = Math.log(pc) - Math.log(g);
            double ratio = Math.max(pc / g, g / pc);
            n++;
            sumSq += d * d;
            sumLogSq += logDiff * logDiff;
            sumAbsRel += Math.abs(d) / g;
            sumSqRel += d * d / g;
            within1 += ratio < D1 ? 1 : 0;
            within2 += ratio < D2 ? 1 : 0;
            within3 += ratio < D3 ? 1 : 0;
        }
    }

    /** Number of valid pixels seen so far. */
    public long validPixels() {
        return n;
    }

    @Override
    public Map<String, Double> results() {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("rmse", Math.sqrt(MetricInputs.ratio(sumSq, n)));
        r.put("log_rmse", Math.sqrt(MetricInputs.ratio(sumLogSq, n)));
        r.put("abs_rel", MetricInputs.ratio(sumAbsRel, n));
        r.put("sq_rel", MetricInputs.ratio(sumSqRel, n));
        r.put("delta1", MetricInputs.ratio(within1, n));
        r.put("delta2", MetricInputs.ratio(within2, n));
        r.put("delta3", MetricInputs.ratio(within3, n));
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        DepthMetric o = MetricInputs.mergeable(DepthMetric.class, other);
        n += o.n;
        sumSq += o.sumSq;
        sumLogSq += o.sumLogSq;
        sumAbsRel += o.sumAbsRel;
        sumSqRel += o.sumSqRel;
        within1 += o.within1;
        within2 += o.within2;
        within3 += o.within3;
    }

    @Override
    public DepthMetric fresh() {
        return new DepthMetric();
    }

    @Override
    public List<MetricInfo> infos() {
        return INFOS;
    }
}
