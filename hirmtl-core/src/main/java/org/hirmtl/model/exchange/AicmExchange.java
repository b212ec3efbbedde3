package org.hirmtl.model.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.ExchangeFactory;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.model.vertices.GatedExchangeVertex;
import org.nd4j.linalg.activations.Activation;

/**
 * Asymmetric information comparison module (AICM). For target {@code t} and each source {@code u ≠ t}: a gate
 * {@code g = σ(Conv1x1_{t←u}([G_t; G_u]))}; shared part {@code g ⊙ G_u}; unique part {@code (1 − g) ⊙ (G_u − G_t)}
 * ({@link GatedExchangeVertex}); then {@code H_t = G_t + CBR3_t(mean_u [shared; unique])}. The gate of the pair
 * {@code t←u} has its own weights, so {@code g_{t←u} ≠ g_{u←t}}: cost grows as {@code T(T−1)} 1×1 convolutions.
 */
public final class AicmExchange implements ExchangeFactory {
    /** The registered name. */
    public static final String NAME = "aicm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Handle> build(ModelGraph g, Map<String, Handle> perTask, int channels) {
        if (perTask.size() < 2) {
            return perTask;
        }
        Map<String, Handle> out = new LinkedHashMap<>();
        for (Map.Entry<String, Handle> target : perTask.entrySet()) {
            String t = target.getKey();
            Handle gt = target.getValue();
            List<Handle> parts = new ArrayList<>();
            for (Map.Entry<String, Handle> source : perTask.entrySet()) {
                String u = source.getKey();
                if (u.equals(t)) {
                    continue;
                }
                String scope = t + "/aicm/from_" + u;
                Handle pair = g.concat(scope + "/concat", gt, source.getValue());
                Handle gate = g.conv(scope + "/gate", pair, channels, 1, Activation.SIGMOID);
                parts.add(g.vertex(scope + "/compare", new GatedExchangeVertex(), 2 * channels, gt.stride(),
                        gate, gt, source.getValue()));
            }
            Handle mean = g.average(t + "/aicm/mean", parts.toArray(Handle[]::new));
            Handle mixed = g.convBnRelu(t + "/aicm/mix", mean, channels, 3);
            out.put(t, g.add(t + "/aicm/out", gt, mixed));
        }
        return out;
    }
}
