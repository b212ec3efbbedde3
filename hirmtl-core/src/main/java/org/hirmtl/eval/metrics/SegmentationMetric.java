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
 * Semantic segmentation and human-parts metrics: per-class TP, FP and FN pooled over the split.
 *
 * <p><b>Inputs.</b> Target: {@code 1×H×W} class ids {@code 0..K-1}, {@value TargetKind#IGNORE} = ignore. Prediction:
 * either {@code 1×H×W} class ids, or {@code K×H×W} scores/probabilities reduced by argmax over channels (ties go to
 * the lowest class index). With {@code K = 1} a one-channel prediction is read as ids. Every non-ignored target pixel
 * is counted once: if prediction {@code p} equals target {@code g}, {@code TP[g]++}; otherwise {@code FP[p]++} and
 * {@code FN[g]++}. Ignored pixels count nowhere, whatever was predicted there.
 *
 * <p><b>Results.</b>
 * <ul>
 *   <li>{@code IoU_c = TP_c / (TP_c + FP_c + FN_c)} ({@link #perClassIou()}); NaN for a class <em>absent</em> from
 *       both prediction and ground truth of the whole split ({@code TP+FP+FN = 0}).</li>
 *   <li>{@code "miou"} = plain mean of {@code IoU_c} over the classes that are not absent (a nanmean): an absent
 *       class is <b>excluded</b>, not counted as 0. Note that MTI-Net's, ATRC's and InvPT's {@code SemsegMeter}
 *       compute {@code TP/max(TP+FP+FN, 1e-8)} and {@code np.mean} over all classes, i.e. count an absent class as
 *       0; the two agree whenever every class occurs in the split's ground truth or predictions.
 *       {@link #miouAbsentAsZero()} gives that variant, reported as {@code "miou_all"}.</li>
 *   <li>{@code "pixel_acc"} = correct / valid pixels.</li>
 * </ul>
 * Values are fractions in [0, 1]. Before any valid (non-ignored) pixel has been seen, all results are NaN — not an
 * exception, so a split whose images are all unlabelled for this task reports NaN.
 */
public final class SegmentationMetric implements DenseMetric {

    /** The names and directions of {@link #results()}. */
    public static final List<MetricInfo> INFOS = List.of(
            new MetricInfo("miou", Direction.HIGHER,
                    "mean over present classes of TP/(TP+FP+FN), pooled over the split (fraction)"),
            new MetricInfo("miou_all", Direction.HIGHER,
                    "mean over all K classes of TP/(TP+FP+FN), an absent class counted as 0: the anchors' (MTI-Net, "
                            + "ATRC, InvPT) convention (fraction)"),
            new MetricInfo("pixel_acc", Direction.HIGHER, "correct / non-ignored pixels (fraction)"));

    private final int classes;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;
    private final long[] confusion;
    private long correct;
    private long valid;

    /** @param classes number of classes {@code K >= 1}; target ids must lie in {@code 0..K-1} or be ignore */
    public SegmentationMetric(int classes) {
        if (classes < 1 || classes > TargetKind.IGNORE) {
            throw new IllegalArgumentException("classes must be in 1.." + TargetKind.IGNORE + ", got " + classes);
        }
        this.classes = classes;
        this.tp = new long[classes];
        this.fp = new long[classes];
        this.fn = new long[classes];
        this.confusion = new long[classes * classes];
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        MetricInputs.requireShapes("segmentation (" + classes + " classes)", prediction, target, 1, 1, classes);
        MetricInputs.requireFinite(prediction);
        long[] tpI = new long[classes];
        long[] fpI = new long[classes];
        long[] fnI = new long[classes];
        long[] confusionI = new long[classes * classes];
        long correctI = 0;
        long validI = 0;
        float[] t = target.data();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == TargetKind.IGNORE) {
                continue;
            }
            int g = targetClass(target, i);
            int p = predictedClass(prediction, i);
            validI++;
            confusionI[g * classes + p]++;
            if (p == g) {
                tpI[g]++;
                correctI++;
            } else {
                fpI[p]++;
                fnI[g]++;
            }
        }
        add(tpI, fpI, fnI, confusionI, correctI, validI);
    }

    private int targetClass(DenseMap target, int i) {
        float v = target.data()[i];
        if (!(v >= 0 && v < classes && v == Math.rint(v))) {
            throw new IllegalArgumentException("target class id " + v + " at pixel " + MetricInputs.where(target, i)
                    + " is outside 0.." + (classes - 1) + " (" + TargetKind.IGNORE + " = ignore)");
        }
        return (int) v;
    }

    private int predictedClass(DenseMap prediction, int i) {
        float[] d = prediction.data();
        if (prediction.channels() == 1) {
            float v = d[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException("predicted class id " + v + " at pixel "
                        + MetricInputs.where(prediction, i) + " is outside 0.." + (classes - 1));
            }
            return (int) v;
        }
        int n = prediction.pixels();
        int best = 0;
        float bestScore = d[i];
        for (int c = 1; c < classes; c++) {
            float s = d[c * n + i];
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return best;
    }

    private void add(long[] tpI, long[] fpI, long[] fnI, long[] confusionI, long correctI, long validI) {
        for (int c = 0; c < classes; c++) {
            tp[c] += tpI[c];
            fp[c] += fpI[c];
            fn[c] += fnI[c];
        }
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] += confusionI[i];
        }
        correct += correctI;
        valid += validI;
    }

    /** {@code TP_c / (TP_c + FP_c + FN_c)} per class; NaN for a class absent from prediction and ground truth. */
    public double[] perClassIou() {
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            iou[c] = MetricInputs.ratio(tp[c], (double) tp[c] + fp[c] + fn[c]);
        }
        return iou;
    }

    /**
     * The confusion matrix pooled over the split: {@code [g][p]} = non-ignored pixels of ground-truth class {@code g}
     * predicted as {@code p} (a copy). Its diagonal is TP, row sums minus the diagonal FN, column sums minus it FP.
     */
    public long[][] confusion() {
        long[][] m = new long[classes][classes];
        for (int g = 0; g < classes; g++) {
            System.arraycopy(confusion, g * classes, m[g], 0, classes);
        }
        return m;
    }

    /** Mean IoU over present classes (absent classes excluded); NaN if every class is absent. */
    public double miou() {
        double sum = 0;
        int present = 0;
        for (double v : perClassIou()) {
            if (!Double.isNaN(v)) {
                sum += v;
                present++;
            }
        }
        return MetricInputs.ratio(sum, present);
    }

    /**
     * The anchors' variant: mean over <em>all</em> {@code K} classes with an absent class counted as IoU 0
     * ({@code np.mean(TP / max(TP+FP+FN, 1e-8))} in MTI-Net/ATRC/InvPT); NaN before any valid pixel.
     */
    public double miouAbsentAsZero() {
        if (valid == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : perClassIou()) {
            sum += Double.isNaN(v) ? 0 : v;
        }
        return sum / classes;
    }

    /** Correct / non-ignored pixels; NaN before any valid pixel. */
    public double pixelAccuracy() {
        return MetricInputs.ratio(correct, valid);
    }

    @Override
    public Map<String, Double> results() {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("miou", miou());
        r.put("miou_all", miouAbsentAsZero());
        r.put("pixel_acc", pixelAccuracy());
        return r;
    }

    /**
     * {@code "iou"}: {@link #perClassIou()}; {@code "support"}: each class's ground-truth pixels over the split
     * ({@code TP + FN}), so a reader can tell a failing class from a rare one.
     */
    @Override
    public Map<String, double[]> perClass() {
        double[] support = new double[classes];
        for (int c = 0; c < classes; c++) {
            support[c] = tp[c] + fn[c];
        }
        Map<String, double[]> r = new LinkedHashMap<>();
        r.put("iou", perClassIou());
        r.put("support", support);
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        SegmentationMetric o = MetricInputs.mergeable(SegmentationMetric.class, other);
        if (o.classes != classes) {
            throw new IllegalArgumentException("cannot merge a " + o.classes + "-class segmentation metric into a "
                    + classes + "-class one");
        }
        add(o.tp.clone(), o.fp.clone(), o.fn.clone(), o.confusion.clone(), o.correct, o.valid);
    }

    @Override
    public SegmentationMetric fresh() {
        return new SegmentationMetric(classes);
    }

    @Override
    public List<MetricInfo> infos() {
        return INFOS;
    }
}
