package org.hirmtl.train.weighting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.WeightingConfig;

/**
 * Homoscedastic uncertainty weighting (Kendall, Gal and Cipolla 2018): the objective is
 * {@code Σ_t exp(−s_t)·w_t·L_t + s_t} with a learned log-variance {@code s_t} per task. The weights handed to the
 * losses are {@code w_t·exp(−s_t)}; after each step {@code s_t} takes an Adam step on
 * {@code ∂/∂s_t = 1 − exp(−s_t)·w_t·L_t} (learning rate 1e-3, the toolkit's choice), outside the graph.
 */
public final class UncertaintyWeighting implements WeightingFactory {
    /** The registered name. */
    public static final String NAME = "uncertainty";
    static final double LR = 1e-3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TaskWeighting create(List<String> tasks, Map<String, Double> baseWeights, WeightingConfig config) {
        return new State(tasks, baseWeights);
    }

    private static final class State implements TaskWeighting {
        private final List<String> tasks;
        private final Map<String, Double> base;
        private final double[] s;
        private final double[] m;
        private final double[] v;
        private final double[] t = new double[1];

        State(List<String> tasks, Map<String, Double> base) {
            this.tasks = List.copyOf(tasks);
            this.base = Map.copyOf(base);
            this.s = new double[tasks.size()];
            this.m = new double[tasks.size()];
            this.v = new double[tasks.size()];
        }

        @Override
        public Map<String, Double> weights() {
            Map<String, Double> w = new LinkedHashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                w.put(tasks.get(i), base.get(tasks.get(i)) * Math.exp(-s[i]));
            }
            return w;
        }

        @Override
        public void afterStep(Map<String, Double> taskLosses) {
            t[0]++;
            for (int i = 0; i < tasks.size(); i++) {
                Double loss = taskLosses.get(tasks.get(i));
                if (loss == null || !Double.isFinite(loss)) {
                    continue;
                }
                double g = 1 - Math.exp(-s[i]) * base.get(tasks.get(i)) * loss;
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mh = m[i] / (1 - Math.pow(0.9, t[0]));
                double vh = v[i] / (1 - Math.pow(0.999, t[0]));
                s[i] -= LR * mh / (Math.sqrt(vh) + 1e-8);
            }
        }

        @Override
        public Map<String, double[]> state() {
            return Map.of("s", s.clone(), "m", m.clone(), "v", v.clone(), "t", t.clone());
        }

        @Override
        public void restore(Map<String, double[]> state) {
            System.arraycopy(state.get("s"), 0, s, 0, s.length);
            System.arraycopy(state.get("m"), 0, m, 0, m.length);
            System.arraycopy(state.get("v"), 0, v, 0, v.length);
            t[0] = state.get("t")[0];
        }
    }
}
