package org.hirmtl.eval.boundary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;

/**
 * The edge task's {@link DenseMetric}: BSDS / SEISM boundary scores through a {@link BoundaryEvaluator}.
 *
 * <p>Prediction: {@code 1×H×W} edge probabilities in [0, 1] (values outside, NaN or infinite are rejected: logits
 * passed by mistake). Target: {@code C×H×W}, one channel per annotation (NYUD and PASCAL have one), values 1 =
 * boundary, 0 = not, {@value TargetKind#IGNORE} = padding. Results: {@code "odsf"} (BSDS's interpolated ODS F),
 * {@code "oisf"}, {@code "ap"} (fractions in [0, 1]) and {@code "ods_threshold"}; all NaN before any image.
 *
 * <p>With {@code seism} the same images also go through the pipeline behind the published tables ({@link Seism}:
 * 8-bit PNG, non-maximum suppression, SEISM's thresholds, ground truth and scores), reported next to the BSDS
 * scores as {@code "odsf[seism]"}, {@code "oisf[seism]"}, {@code "ap[seism]"} and {@code "ods_threshold[seism]"}.
 *
 * <p>Unlike the pooled-count metrics this one keeps 4 integers per threshold per image (about 1.6 kB for 99
 * thresholds), since OIS needs each image's curve. Images are evaluated on the evaluator's own threads while
 * {@code update} returns; {@link #results()} waits for them. Merging appends the other instance's images after
 * this one's, so results do not depend on how images were split.
 */
public final class EdgeMetric implements DenseMetric {

    /** BSDS's number of thresholds, 0.01..0.99. */
    public static final int DEFAULT_THRESHOLDS = 99;

    /** The names and directions of {@link #results()}. */
    public static final List<MetricInfo> INFOS = List.of(
            new MetricInfo("odsf", Direction.HIGHER,
                    "ODS F: best F of the pooled precision-recall curve, BSDS interpolation (fraction)"),
            new MetricInfo("oisf", Direction.HIGHER,
                    "OIS F: F of counts pooled at each image's best threshold (fraction)"),
            new MetricInfo("ap", Direction.HIGHER,
                    "average precision: area under the pooled precision-recall curve, BSDS Area_PR (fraction)"),
            new MetricInfo("ods_threshold", Direction.HIGHER,
                    "edge probability threshold of the ODS F (informative, not a score)"));

    /** The names and directions of the SEISM pipeline's results, after {@link #INFOS}. */
    public static final List<MetricInfo> SEISM_INFOS = List.of(
            new MetricInfo("odsf[seism]", Direction.HIGHER,
                    "ODS F of the pipeline behind the published tables: 8-bit PNG, NMS, SEISM (fraction)"),
            new MetricInfo("oisf[seism]", Direction.HIGHER, "OIS F of that pipeline (fraction)"),
            new MetricInfo("ap[seism]", Direction.HIGHER, "average precision of that pipeline (fraction)"),
            new MetricInfo("ods_threshold[seism]", Direction.HIGHER,
                    "threshold of the NMS map at that ODS F (informative, not a score)"));

    private final BoundaryEvaluator evaluator;
    private final BoundaryEvaluator seism;

    /** With 99 thresholds and one worker thread per available processor. */
    public EdgeMetric(double maxDist) {
        this(maxDist, DEFAULT_THRESHOLDS, Runtime.getRuntime().availableProcessors());
    }

    /** See {@link BoundaryEvaluator#BoundaryEvaluator(double, int, int)}. */
    public EdgeMetric(double maxDist, int nThresh, int threads) {
        this(maxDist, nThresh, threads, false);
    }

    /**
     * See {@link BoundaryEvaluator#BoundaryEvaluator(double, int, int)}; with {@code seism} also the SEISM pipeline's
     * scores ({@link BoundaryEvaluator#seism}, its own 101 thresholds).
     */
    public EdgeMetric(double maxDist, int nThresh, int threads, boolean seism) {
        this.evaluator = new BoundaryEvaluator(maxDist, nThresh, threads);
        this.seism = seism ? BoundaryEvaluator.seism(maxDist, threads) : null;
    }

    /** BSDS scores and, with {@code seism}, the SEISM pipeline's, one worker thread per available processor each. */
    public static EdgeMetric of(double maxDist, boolean seism) {
        return new EdgeMetric(maxDist, DEFAULT_THRESHOLDS, Runtime.getRuntime().availableProcessors(), seism);
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(target, "target");
        if (prediction.channels() != 1 || prediction.height() != target.height()
                || prediction.width() != target.width()) {
            throw new IllegalArgumentException("edge: prediction shape " + shape(prediction)
                    + " does not match target shape " + shape(target)
                    + " (expected prediction channels 1, same height and width)");
        }
        float[] p = prediction.data();
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("edge prediction " + p[i] + " at pixel " + i + " (row "
                        + i / prediction.width() + ", column " + i % prediction.width()
                        + ") is not a probability in [0, 1]");
            }
        }
        evaluator.add(prediction, target);
        if (seism != null) {
            seism.add(prediction, target);
        }
    }

    @Override
    public Map<String, Double> results() {
        Map<String, Double> r = new LinkedHashMap<>();
        BoundaryResult res = evaluator.result();
        boolean none = res.images() == 0;
        r.put("odsf", none ? Double.NaN : res.odsF());
        r.put("oisf", none ? Double.NaN : res.oisF());
        r.put("ap", none ? Double.NaN : res.ap());
        r.put("ods_threshold", none ? Double.NaN : res.odsThreshold());
        if (seism != null) {
            BoundaryResult s = seism.result();
            r.put("odsf[seism]", none ? Double.NaN : s.odsF());
            r.put("oisf[seism]", none ? Double.NaN : s.oisF());
            r.put("ap[seism]", none ? Double.NaN : s.ap());
            r.put("ods_threshold[seism]", none ? Double.NaN : s.odsThreshold());
        }
        return r;
    }

    /** The full result, with the precision–recall curve. */
    public BoundaryResult boundaryResult() {
        return evaluator.result();
    }

    @Override
    public void merge(DenseMetric other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof EdgeMetric o)) {
            throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName()
                    + " into EdgeMetric");
        }
        if (o.evaluator.maxDist() != evaluator.maxDist() || o.evaluator.nThresh() != evaluator.nThresh()
                || (o.seism == null) != (seism == null)) {
            throw new IllegalArgumentException("cannot merge EdgeMetric(maxDist " + o.evaluator.maxDist() + ", "
                    + o.evaluator.nThresh() + " thresholds" + (o.seism != null ? ", seism" : "")
                    + ") into EdgeMetric(maxDist " + evaluator.maxDist() + ", " + evaluator.nThresh() + " thresholds"
                    + (seism != null ? ", seism" : "") + ")");
        }
        if (o != this) {
            evaluator.addCounts(o.evaluator.counts());
            if (seism != null) {
                seism.addCounts(o.seism.counts());
            }
        }
    }

    @Override
    public EdgeMetric fresh() {
        return new EdgeMetric(evaluator.maxDist(), evaluator.nThresh(), evaluator.threads(), seism != null);
    }

    @Override
    public List<MetricInfo> infos() {
        if (seism == null) {
            return INFOS;
        }
        List<MetricInfo> all = new java.util.ArrayList<>(INFOS);
        all.addAll(SEISM_INFOS);
        return List.copyOf(all);
    }

    private static String shape(DenseMap m) {
        return m.channels() + "x" + m.height() + "x" + m.width();
    }
}
