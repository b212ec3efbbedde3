package org.hirmtl.train.weighting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.WeightingConfig;

/** Fixed weights: the configured {@code w_t} throughout (the default; NYUD 1/1/10/50). */
public final class FixedWeighting implements WeightingFactory {
    /** The registered name. */
    public static final String NAME = "fixed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TaskWeighting create(List<String> tasks, Map<String, Double> baseWeights, WeightingConfig config) {
        Map<String, Double> w = new LinkedHashMap<>(baseWeights);
        return new TaskWeighting() {
            @Override
            public Map<String, Double> weights() {
                return w;
            }

            @Override
            public Map<String, double[]> state() {
                return Map.of();
            }

            @Override
            public void restore(Map<String, double[]> state) {
                // stateless
            }
        };
    }
}
