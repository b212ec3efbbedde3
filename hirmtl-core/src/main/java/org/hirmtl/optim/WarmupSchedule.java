package org.hirmtl.optim;

import org.nd4j.shade.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning-rate schedule, by iteration: linear warm-up from 0 over {@code warmupIterations}, then
 * {@code poly} ({@code lr·(1 − p)^power}), {@code cosine} ({@code lr·(1 + cos(πp))/2}) or {@code constant}, where
 * {@code p} is the fraction of post-warm-up iterations done. Stored in the model's configuration (its iteration count
 * is the schedule position, so a resumed run continues the schedule exactly).
 */
public final class WarmupSchedule implements ISchedule {
    @JsonProperty private String type;
    @JsonProperty private double initialValue;
    @JsonProperty private double power;
    @JsonProperty private int warmupIterations;
    @JsonProperty private int totalIterations;

    /** For Jackson. */
    public WarmupSchedule() {
    }

    /**
     * @param type poly, cosine or constant
     * @param initialValue the peak learning rate
     * @param power the poly exponent
     * @param warmupIterations iterations of linear warm-up
     * @param totalIterations iterations of the whole run
     */
    public WarmupSchedule(String type, double initialValue, double power, int warmupIterations, int totalIterations) {
        if (!type.equals("poly") && !type.equals("cosine") && !type.equals("constant")) {
            throw new IllegalArgumentException("unknown schedule " + type);
        }
        this.type = type;
        this.initialValue = initialValue;
        this.power = power;
        this.warmupIterations = warmupIterations;
        this.totalIterations = Math.max(1, totalIterations);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupIterations) {
            return initialValue * (iteration + 1) / (warmupIterations + 1);
        }
        double p = Math.min(1.0, (double) (iteration - warmupIterations)
                / Math.max(1, totalIterations - warmupIterations));
        return switch (type) {
            case "poly" -> initialValue * Math.pow(1 - p, power);
            case "cosine" -> initialValue * 0.5 * (1 + Math.cos(Math.PI * p));
            default -> initialValue;
        };
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(type, initialValue, power, warmupIterations, totalIterations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupSchedule w && w.type.equals(type) && w.initialValue == initialValue
                && w.power == power && w.warmupIterations == warmupIterations && w.totalIterations == totalIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, initialValue, power, warmupIterations, totalIterations);
    }
}
