package org.hirmtl.task;

import java.util.Arrays;
import org.hirmtl.api.TrivialBaseline;
import org.hirmtl.api.data.DenseMap;

/**
 * A trivial baseline that predicts, everywhere, the per-channel mean of the training targets over the pixels a
 * {@link Valid} test accepts (mean depth, positive rate), optionally L2-normalised (mean normal).
 */
public final class MeanBaseline implements TrivialBaseline {
    /** Which pixels of a target count. */
    @FunctionalInterface
    public interface Valid {
        /** @param d the CHW data @param plane H×W @param p the pixel @return whether pixel p counts */
        boolean test(float[] d, int plane, int p);
    }

    private final String description;
    private final int channels;
    private final Valid valid;
    private final boolean normalise;
    private final double[] sum;
    private long count;

    /**
     * @param description what the prediction is, e.g. {@code mean training depth}
     * @param channels target channels
     * @param valid which pixels count
     * @param normalise L2-normalise the mean vector (normals)
     */
    public MeanBaseline(String description, int channels, Valid valid, boolean normalise) {
        this.description = description;
        this.channels = channels;
        this.valid = valid;
        this.normalise = normalise;
        this.sum = new double[channels];
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void observe(DenseMap target) {
        float[] d = target.data();
        int plane = target.pixels();
        for (int p = 0; p < plane; p++) {
            if (valid.test(d, plane, p)) {
                for (int c = 0; c < channels; c++) {
                    sum[c] += d[c * plane + p];
                }
                count++;
            }
        }
    }

    @Override
    public DenseMap predict(int h, int w) {
        double[] mean = new double[channels];
        double len = 0;
        for (int c = 0; c < channels; c++) {
            mean[c] = count == 0 ? 0 : sum[c] / count;
            len += mean[c] * mean[c];
        }
        DenseMap out = DenseMap.zeros(channels, h, w);
        for (int c = 0; c < channels; c++) {
            double v = normalise ? (len == 0 ? (c == channels - 1 ? 1 : 0) : mean[c] / Math.sqrt(len)) : mean[c];
            Arrays.fill(out.data(), c * h * w, (c + 1) * h * w, (float) v);
        }
        return out;
    }
}
