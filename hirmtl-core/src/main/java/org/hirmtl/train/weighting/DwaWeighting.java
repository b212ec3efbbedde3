package org.hirmtl.train.weighting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.WeightingConfig;

/**
 * Dynamic weight average (Liu, Johns and Davison 2019): with {@code r_t = L_t(e−1) / L_t(e−2)} from the mean training
 * losses of the last two epochs, {@code λ_t = T·exp(r_t/τ) / Σ_k exp(r_k/τ)} ({@code τ = train.weighting.temperature});
 * {@code λ_t = 1} for the first two epochs. The weights handed to the losses are {@code w_t·λ_t}.
 */
public final class DwaWeighting implements WeightingFactory {
    /** The registered name. */
    public static final String NAME = "dwa";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TaskWeighting create(List<String> tasks, Map<String, Double> baseWeights, WeightingConfig config) {
        return new State(tasks, baseWeights, config.temperature());
    }

    private static final class State implements TaskWeighting {
        private final List<String> tasks;
        private final Map<String, Double> base;
        private final double temperature;
        private final double[] lambda;
        private double[] previous;
        private double[] beforePrevious;

        State(List<String> tasks, Map<String, Double> base, double temperature) {
            this.tasks = List.copyOf(tasks);
            this.base = Map.copyOf(base);
            this.temperature = temperature;
            this.lambda = new double[tasks.size()];
            java.util.Arrays.fill(lambda, 1);
        }

        @Override
        public Map<String, Double> weights() {
            Map<String, Double> w = new LinkedHashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                w.put(tasks.get(i), base.get(tasks.get(i)) * lambda[i]);
            }
            return w;
        }

        @Override
        public void afterEpoch(Map<String, Double> epochLosses) {
            double[] now = new double[tasks.size()];
            for (int i = 0; i < now.length; i++) {
                now[i] = epochLosses.getOrDefault(tasks.get(i), Double.NaN);
            }
            beforePrevious = previous;
            previous = now;
            if (beforePrevious == null) {
                return;
            }
            double sum = 0;
            double[] e = new double[now.length];
            for (int i = 0; i < now.length; i++) {
                double r = beforePrevious[i] > 0 ? previous[i] / beforePrevious[i] : 1;
                e[i] = Math.exp((Double.isFinite(r) ? r : 1) / temperature);
                sum += e[i];
            }
            for (int i = 0; i < now.length; i++) {
                lambda[i] = now.length * e[i] / sum;
            }
        }

        @Override
        public Map<String, double[]> state() {
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("lambda", lambda.clone());
            if (previous != null) {
                s.put("previous", previous.clone());
            }
            if (beforePrevious != null) {
                s.put("before_previous", beforePrevious.clone());
            }
            return s;
        }

        @Override
        public void restore(Map<String, double[]> state) {
            System.arraycopy(state.get("lambda"), 0, lambda, 0, lambda.length);
            previous = state.containsKey("previous") ? state.get("previous").clone() : null;
            beforePrevious = state.containsKey("before_previous") ? state.get("before_previous").clone() : null;
        }
    }
}
