package org.hirmtl.eval;

import java.util.Map;

/**
 * A CI quality gate on one metric: {@code semseg.miou>=0.40} ({@code --fail-under}) or {@code depth.rmse<=0.60}
 * ({@code --fail-over}); {@code delta_m} is a metric too.
 *
 * @param metric the metric key, {@code task.metric} or {@code delta_m}
 * @param failUnder true: fail when the value is below the threshold; false: fail when above
 * @param threshold the threshold
 */
public record Gate(String metric, boolean failUnder, double threshold) {

    /**
     * Parses {@code KEY=VALUE}.
     *
     * @throws IllegalArgumentException naming the option and the bad text
     */
    public static Gate parse(String text, boolean failUnder) {
        String option = failUnder ? "--fail-under" : "--fail-over";
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(option + " " + text + ": expected METRIC=VALUE, e.g. semseg.miou=0.40");
        }
        try {
            return new Gate(text.substring(0, eq).strip(), failUnder, Double.parseDouble(text.substring(eq + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + text + ": '" + text.substring(eq + 1)
                    + "' is not a number");
        }
    }

    /**
     * This gate with its metric spelled as one of {@code known} ({@code semseg.mIoU} → {@code semseg.miou}, matched
     * ignoring case) — checked before anything is evaluated, so a typo costs no evaluation time.
     *
     * @throws IllegalArgumentException naming the metric and the nearest known one
     */
    public Gate resolve(java.util.Collection<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(metric)) {
                return new Gate(k, failUnder, threshold);
            }
        }
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String k : known) {
            int d = org.hirmtl.config.EditDistance.between(k.toLowerCase(java.util.Locale.ROOT),
                    metric.toLowerCase(java.util.Locale.ROOT));
            if (d < best) {
                best = d;
                nearest = k;
            }
        }
        throw new IllegalArgumentException((failUnder ? "--fail-under " : "--fail-over ") + metric
                + ": no such metric" + (nearest == null ? "" : "; did you mean '" + nearest + "'?") + " (known: "
                + String.join(", ", known) + ")");
    }

    /**
     * The outcome of the gate on {@code metrics}.
     *
     * @param gate the gate
     * @param value the metric's value
     * @param passed whether it passed
     */
    public record Outcome(Gate gate, double value, boolean passed) {
        /** One line for people, e.g. {@code semseg.miou = 0.3712 is below 0.4000 by 0.0288}. */
        public String describe() {
            double by = Math.abs(value - gate.threshold());
            String relation = gate.failUnder() ? (passed ? "is not below" : "is below")
                    : (passed ? "is not above" : "is above");
            return String.format("%s = %.4f %s %.4f%s", gate.metric(), value, relation, gate.threshold(),
                    passed ? "" : String.format(" by %.4f", by));
        }
    }

    /**
     * Applies the gate.
     *
     * @throws IllegalArgumentException if the metric is not among the results (listing them)
     */
    public Outcome apply(Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        if (v == null) {
            throw new IllegalArgumentException((failUnder ? "--fail-under " : "--fail-over ") + metric
                    + ": no such metric (known: " + String.join(", ", metrics.keySet()) + ")");
        }
        boolean passed = !Double.isNaN(v) && (failUnder ? v >= threshold : v <= threshold);
        return new Outcome(this, v, passed);
    }
}
