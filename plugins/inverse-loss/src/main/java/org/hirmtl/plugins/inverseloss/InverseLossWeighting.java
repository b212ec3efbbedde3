package org.hirmtl.plugins.inverseloss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.WeightingConfig;

/**
 * Weighting {@code inverse-loss}: task t's weight is {@code w_t · m / L_t}, where {@code L_t} is an exponential moving
 * average of its unweighted step losses ({@code train.weighting.options.momentum}, default 0.9) and {@code m} the mean
 * of the {@code L_t}, so tasks whose loss is large are scaled down and the weights keep the scale of the configured
 * ones. Before the first step the configured weights {@code w_t} are used.
 */
public final class InverseLossWeighting implements WeightingFactory {
    /** The registered name. */
    public static final String NAME = "inverse-loss";
    /** The option with the moving average's momentum. */
    public static final String MOMENTUM = "momentum";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "task weights divided by each task's running mean loss";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.number(MOMENTUM, 0.9, "momentum of the moving average of each task's loss")
                .atLeast(0).lessThan(1));
    }

    @Override
    public TaskWeighting create(List<String> tasks, Map<String, Double> baseWeights, WeightingConfig config) {
        double momentum = ((Number) config.options().get(MOMENTUM)).doubleValue(); // in [0, 1): checked at load
        return new Running(tasks, baseWeights, momentum);
    }

    /** The running state: one moving average per task. */
    static final class Running implements TaskWeighting {
        private final List<String> tasks;
        private final Map<String, Double> base;
        private final double momentum;
        private final Map<String, Double> average = new LinkedHashMap<>();

        Running(List<String> tasks, Map<String, Double> base, double momentum) {
            this.tasks = List.copyOf(tasks);
            this.base = Map.copyOf(base);
            this.momentum = momentum;
        }

        @Override
        public Map<String, Double> weights() {
            Map<String, Double> w = new LinkedHashMap<>();
            if (average.size() < tasks.size()) {
                tasks.forEach(t -> w.put(t, base.get(t)));
                return w;
            }
            double mean = average.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
            for (String t : tasks) {
                w.put(t, base.get(t) * mean / Math.max(average.get(t), 1e-12));
            }
            return w;
        }

        @Override
        public void afterStep(Map<String, Double> taskLosses) {
            for (String t : tasks) {
                Double l = taskLosses.get(t);
                if (l != null && Double.isFinite(l)) {
                    average.merge(t, l, (old, now) -> momentum * old + (1 - momentum) * now);
                }
            }
        }

        @Override
        public Map<String, double[]> state() {
            Map<String, double[]> s = new LinkedHashMap<>();
            average.forEach((t, v) -> s.put(t, new double[] {v}));
            return s;
        }

        @Override
        public void restore(Map<String, double[]> state) {
            average.clear();
            state.forEach((t, v) -> average.put(t, v[0]));
        }
    }
}
