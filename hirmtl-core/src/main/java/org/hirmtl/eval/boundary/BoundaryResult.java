package org.hirmtl.eval.boundary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dataset-level boundary scores, as BSDS's {@code collect_eval_bdry.m} reports them.
 *
 * @param odsF optimal dataset scale F: the best F on the pooled precision–recall curve, searched along straight
 *     lines between adjacent thresholds (BSDS's {@code maxF}); this is the number papers call "ODS"
 * @param oisF optimal image scale F: each image's counts taken at its own best threshold, pooled, then F
 * @param ap area under the pooled precision–recall curve, BSDS's {@code Area_PR}
 * @param odsThreshold the (interpolated) threshold at which {@link #odsF} is reached
 * @param thresholds the thresholds, ascending
 * @param precision pooled precision per threshold
 * @param recall pooled recall per threshold
 * @param images number of images evaluated
 */
public record BoundaryResult(double odsF, double oisF, double ap, double odsThreshold, double[] thresholds,
                             double[] precision, double[] recall, int images) {

    /** Pooled F per threshold, {@code 2PR / (P + R)} (0 where {@code P + R = 0}). */
    public double[] fMeasure() {
        double[] f = new double[thresholds.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = BoundaryStats.fMeasure(recall[k], precision[k]);
        }
        return f;
    }

    /** The best pooled F at one of the thresholds themselves, without BSDS's interpolation ({@code <= odsF}). */
    public double odsFAtThresholds() {
        double best = 0;
        for (double f : fMeasure()) {
            best = Math.max(best, f);
        }
        return best;
    }

    /**
     * The scores by name: {@code odsf} (interpolated, as BSDS), {@code odsf_thresholds} (un-interpolated),
     * {@code oisf}, {@code ap}, {@code ods_threshold}.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("odsf", odsF);
        m.put("oisf", oisF);
        m.put("ap", ap);
        m.put("ods_threshold", odsThreshold);
        m.put("odsf_thresholds", odsFAtThresholds());
        return m;
    }

    @Override
    public String toString() {
        return String.format("BoundaryResult[odsF=%.4f, oisF=%.4f, ap=%.4f, odsThreshold=%.4f, images=%d]",
                odsF, oisF, ap, odsThreshold, images);
    }
}
