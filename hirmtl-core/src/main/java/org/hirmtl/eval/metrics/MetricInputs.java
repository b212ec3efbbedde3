package org.hirmtl.eval.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.eval.DenseMetric;

/** Input checks shared by the metrics; every message names what was given and what was expected. */
final class MetricInputs {

    private MetricInputs() {
    }

    /**
     * Checks that prediction and target have the same height and width, the target {@code targetChannels} channels and
     * the prediction one of {@code predictionChannels}.
     */
    static void requireShapes(String metric, DenseMap prediction, DenseMap target, int targetChannels,
            int... predictionChannels) {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(target, "target");
        boolean channelsOk = Arrays.stream(predictionChannels).anyMatch(c -> c == prediction.channels());
        if (!channelsOk || target.channels() != targetChannels || prediction.height() != target.height()
                || prediction.width() != target.width()) {
            throw new IllegalArgumentException(metric + ": prediction shape " + shape(prediction)
                    + " does not match target shape " + shape(target) + " (expected prediction channels "
                    + channelList(predictionChannels) + ", target channels " + targetChannels
                    + ", same height and width)");
        }
    }

    /** Rejects a NaN or infinite prediction value, naming the pixel. */
    static void requireFinite(DenseMap prediction) {
        float[] d = prediction.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException("prediction contains " + (Float.isNaN(d[i]) ? "NaN" : d[i])
                        + " at pixel " + where(prediction, i));
            }
        }
    }

    /**
     * Describes flat data index {@code index} as {@code "p (row y, column x, channel c)"}, where {@code p} is the
     * pixel index {@code y * width + x}.
     */
    static String where(DenseMap map, int index) {
        int pixels = map.pixels();
        int p = index % pixels;
        int c = index / pixels;
        return p + " (row " + p / map.width() + ", column " + p % map.width() + ", channel " + c + ")";
    }

    /** Casts {@code other} to {@code type} or explains why the two cannot be merged. */
    static <T extends DenseMetric> T mergeable(Class<T> type, DenseMetric other) {
        Objects.requireNonNull(other, "other");
        if (!type.isInstance(other)) {
            throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName() + " into "
                    + type.getSimpleName());
        }
        return type.cast(other);
    }

    static String shape(DenseMap m) {
        return m.channels() + "x" + m.height() + "x" + m.width();
    }

    private static String channelList(int[] channels) {
        int[] distinct = Arrays.stream(channels).distinct().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < distinct.length; i++) {
            sb.append(i == 0 ? "" : " or ").append(distinct[i]);
        }
        return sb.toString();
    }

    /** {@code num / den}, NaN when {@code den == 0}. */
    static double ratio(double num, double den) {
        return den == 0 ? Double.NaN : num / den;
    }
}
