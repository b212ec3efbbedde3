package org.hirmtl.eval.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.eval.Direction;
import org.hirmtl.api.eval.MetricInfo;

/**
 * Surface-normal angular error, pooled over every valid pixel of the split.
 *
 * <p>Prediction: {@code 3×H×W} vectors of any length (L2-normalised here). Target: {@code 3×H×W} unit vectors; a
 * pixel whose target is all-zero (or has a non-finite component) is invalid and skipped; the target is renormalised
 * too, so 8-bit-decoded ground truth is handled. Per valid pixel, with unit vectors {@code p̂}, {@code ĝ}:
 * <pre>  θ = 2·atan2(|p̂ − ĝ|, |p̂ + ĝ|)   in degrees, 0..180</pre>
 * the numerically stable form of {@code acos(p̂·ĝ)} (accurate near 0° and 180°, where acos loses half the digits).
 * A zero-length prediction has no direction and scores θ = 90° (as {@code acos(0)} does in MTI-Net's code).
 *
 * <p>{@link Protocol#PNG8} first round-trips the normalised prediction through an 8-bit PNG:
 * {@code v = clamp(round((n + 1)/2 · 255), 0, 255)}, {@code n = 2v/255 − 1}, renormalised; {@link Protocol#PNG8_TRUNC}
 * does the same with {@code floor} in place of {@code round}, as MTI-Net's {@code save_model_predictions} writes
 * ({@code astype(np.uint8)}) and its {@code eval_normals} reads back; {@link Protocol#FLOAT} uses the prediction as
 * is.
 *
 * <p>Results over the {@code N} valid pixels: {@code "mean"} = Σθ/N (mErr, DESIGN §4's primary normals metric),
 * {@code "median"}, {@code "rmse"} = sqrt(Σθ²/N), and {@code "within_11_25"}, {@code "within_22_5"},
 * {@code "within_30"} = 100 · #{θ < t}/N (percent). Mean, RMSE and the percentages use the exact θ. The median uses a
 * fixed histogram of {@value #BINS} bins of {@code 0.001°} (bin {@code k} holds θ rounded to {@code k/1000}°) and
 * returns bin centres: the middle order statistic, or for an even N the mean of the two middle ones (as
 * {@code numpy.median}); its error is at most 0.0005°, with constant memory (1.4 MB per instance). All results are
 * NaN before any valid pixel has been seen.
 */
public final class NormalsMetric implements DenseMetric {

    /** How the prediction reaches the metric. */
    public enum Protocol {
        /** The float prediction, normalised. */
        FLOAT,
        /** The prediction after an 8-bit PNG round trip that rounds. */
        PNG8,
        /** The prediction as MTI-Net saves it ({@code astype(np.uint8)} truncates) and its evaluation reads it back. */
        PNG8_TRUNC;

        /** The protocol of a config value: {@code float}, {@code png8} or {@code png8_trunc}. */
        public static Protocol of(String name) {
            return switch (name) {
                case "png8" -> PNG8;
                case "png8_trunc" -> PNG8_TRUNC;
                case "float" -> FLOAT;
                default -> throw new IllegalArgumentException("unknown normals protocol '" + name + "'");
            };
        }
    }

    /** Number of histogram bins: 0.000° … 180.000° in steps of {@value #RESOLUTION}°. */
    public static final int BINS = 180_001;
    /** Width of a median histogram bin in degrees. */
    public static final double RESOLUTION = 0.001;

    /** The names and directions of {@link #results()}. */
    public static final List<MetricInfo> INFOS = List.of(
            new MetricInfo("mean", Direction.LOWER, "mean angular error over valid pixels of the split (degrees)"),
            new MetricInfo("median", Direction.LOWER, "median angular error (degrees, within 0.0005)"),
            new MetricInfo("rmse", Direction.LOWER, "sqrt(mean squared angular error) (degrees)"),
            new MetricInfo("within_11_25", Direction.HIGHER, "percent of pixels with error < 11.25 degrees"),
            new MetricInfo("within_22_5", Direction.HIGHER, "percent of pixels with error < 22.5 degrees"),
            new MetricInfo("within_30", Direction.HIGHER, "percent of pixels with error < 30 degrees"));

    /** The angle scored for a zero-length prediction, which has no direction. */
    public static final double ZERO_PREDICTION_ANGLE = 90.0;

    private final Protocol protocol;
    private final long[] histogram = new long[BINS];
    private long n;
    private double sum;
    private double sumSq;
    private long within11;
    private long within22;
    private long within30;

    /** @param protocol whether the prediction is used as float or after an 8-bit PNG round trip */
    public NormalsMetric(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** The prediction protocol. */
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public void update(DenseMap prediction, DenseMap target) {
        MetricInputs.requireShapes("normals", prediction, target, 3, 3);
        MetricInputs.requireFinite(prediction);
        int np = target.pixels();
        float[] pd = prediction.data();
        float[] gd = target.data();
        double[] p = new double[3];
        double[] g = new double[3];
        for (int i = 0; i < np; i++) {
            for (int c = 0; c < 3; c++) {
                p[c] = pd[c * np + i];
                g[c] = gd[c * np + i];
            }
            if (!normalise(g)) {
                continue;
            }
            double theta = ZERO_PREDICTION_ANGLE;
            if (normalise(p)) {
                if (protocol == Protocol.PNG8) {
                    png8(p, false);
                } else if (protocol == Protocol.PNG8_TRUNC) {
                    png8(p, true);
                }
                theta = angle(p, g);
            }
            add(theta);
        }
    }

    private void add(double theta) {
        n++;
        sum += theta;
        sumSq += theta * theta;
        within11 += theta < 11.25 ? 1 : 0;
        within22 += theta < 22.5 ? 1 : 0;
        within30 += theta < 30 ? 1 : 0;
        histogram[(int) Math.min(BINS - 1, Math.round(theta / RESOLUTION))]++;
    }

    /** Scales {@code v} to unit length; {@code false} (and {@code v} unchanged) if it is zero or not finite. */
    private static boolean normalise(double[] v) {
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(len > 0) || Double.isInfinite(len)) {
            return false;
        }
        for (int c = 0; c < 3; c++) {
            v[c] /= len;
        }
        return true;
    }

    /** Replaces unit {@code v} by its 8-bit PNG round trip, renormalised (never zero: 2v/255 − 1 ≠ 0 for integer v). */
    static void png8(double[] v, boolean truncate) {
        for (int c = 0; c < 3; c++) {
            double scaled = (v[c] + 1) / 2 * 255;
            long code = Math.max(0, Math.min(255, truncate ? (long) Math.floor(scaled) : Math.round(scaled)));
            v[c] = 2.0 * code / 255 - 1;
        }
        normalise(v);
    }

    /** {@code 2·atan2(|p − g|, |p + g|)} in degrees, for unit vectors. */
    static double angle(double[] p, double[] g) {
        double dx = p[0] - g[0];
        double dy = p[1] - g[1];
        double dz = p[2] - g[2];
        double sx = p[0] + g[0];
        double sy = p[1] + g[1];
        double sz = p[2] + g[2];
        double diff = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double plus = Math.sqrt(sx * sx + sy * sy + sz * sz);
        return Math.toDegrees(2 * Math.atan2(diff, plus));
    }

    /** Number of valid pixels seen so far. */
    public long validPixels() {
        return n;
    }

    /** The median angle from the histogram (bin centres, numpy's even-count rule); NaN before any valid pixel. */
    public double median() {
        if (n == 0) {
            return Double.NaN;
        }
        long lowRank = (n - 1) / 2;
        long highRank = n / 2;
        double low = Double.NaN;
        long seen = 0;
        for (int k = 0; k < BINS; k++) {
            long next = seen + histogram[k];
            if (Double.isNaN(low) && lowRank < next) {
                low = k / 1000.0;
            }
            if (highRank < next) {
                return (low + k / 1000.0) / 2;
            }
            seen = next;
        }
        throw new IllegalStateException("histogram holds fewer than " + n + " angles");
    }

    @Override
    public Map<String, Double> results() {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("mean", MetricInputs.ratio(sum, n));
        r.put("median", median());
        r.put("rmse", Math.sqrt(MetricInputs.ratio(sumSq, n)));
        r.put("within_11_25", 100 * MetricInputs.ratio(within11, n));
        r.put("within_22_5", 100 * MetricInputs.ratio(within22, n));
        r.put("within_30", 100 * MetricInputs.ratio(within30, n));
        return r;
    }

    @Override
    public void merge(DenseMetric other) {
        NormalsMetric o = MetricInputs.mergeable(NormalsMetric.class, other);
        if (o.protocol != protocol) {
            throw new IllegalArgumentException("cannot merge a " + o.protocol + " normals metric into a " + protocol
                    + " one");
        }
        for (int k = 0; k < BINS; k++) {
            histogram[k] += o.histogram[k];
        }
        n += o.n;
        sum += o.sum;
        sumSq += o.sumSq;
        within11 += o.within11;
        within22 += o.within22;
        within30 += o.within30;
    }

    @Override
    public NormalsMetric fresh() {
        return new NormalsMetric(protocol);
    }

    @Override
    public List<MetricInfo> infos() {
        return INFOS;
    }
}
