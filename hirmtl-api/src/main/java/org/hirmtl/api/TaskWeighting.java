package org.hirmtl.api;

import java.util.Map;

/** The running state of a loss-weighting strategy. Its state is saved in checkpoints so a resumed run continues it. *
 * <pre>{@code
 * final class Constant implements TaskWeighting {   // what a WeightingFactory "fixed" could return
 *     private final Map<String, Double> w;
 *     Constant(Map<String, Double> w) { this.w = Map.copyOf(w); }
 *     public Map<String, Double> weights() { return w; }
 *     public Map<String, double[]> state() { return Map.of(); }
 *     public void restore(Map<String, double[]> state) { }
 * }
 * }</pre>
 */
public interface TaskWeighting {
    /** The weights to use for the next step, per task. */
    Map<String, Double> weights();

    /** Called after each step with the unweighted per-task losses of that step. */
    default void afterStep(Map<String, Double> taskLosses) {
    }

    /** Called after each epoch with the epoch's mean unweighted per-task training losses. */
    default void afterEpoch(Map<String, Double> epochLosses) {
    }

    /** The state to store in a checkpoint (plain numbers only). */
    Map<String, double[]> state();

    /** Restores {@link #state()} from a checkpoint. */
    void restore(Map<String, double[]> state);
}
