package org.hirmtl.api;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.WeightingConfig;

/**
 * A loss-weighting strategy ({@code fixed}, {@code uncertainty}, {@code dwa}, ...). Named in configs as
 * {@code train.weighting.type}. Weighting never touches the graph's architecture: the trainer hands its weights to
 * the loss functions.
 *
 * <pre>{@code
 * public final class FixedWeighting implements WeightingFactory {
 *     public String name() { return "fixed"; }
 *     public TaskWeighting create(List<String> tasks, Map<String, Double> base, WeightingConfig c) {
 *         return new Constant(base);   // see TaskWeighting
 *     }
 * }
 * }</pre>
 */
public interface WeightingFactory extends Component {

    /**
     * Creates the weighting's running state for one training run.
     *
     * @param tasks task names in model order
     * @param baseWeights the configured weights {@code w_t}
     * @param config the weighting's config ({@code train.weighting}: type, temperature, options)
     * @return a fresh running state whose {@link TaskWeighting#weights()} are keyed by exactly {@code tasks}
     */
    TaskWeighting create(List<String> tasks, Map<String, Double> baseWeights, WeightingConfig config);
}
