package org.hirmtl.api;

import java.util.Map;

/**
 * The running state of a loss-weighting strategy. Its state is saved in checkpoints so a resumed run continues it.
 *
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
    /**
     * The weights for the next step: one per task, keyed by exactly the task names given to
     * {@link WeightingFactory#create}, each finite and ≥ 0. Task t's loss is multiplied by its weight; its
     * deep-supervision outputs by {@code λ_ds} times it ({@code model.stf.deep_supervision_weight}).
     *
     * @return task name → weight for the next step
     */
    Map<String, Double> weights();

    /**
     * Called after each optimiser step.
     *
     * @param taskLosses task name → that step's unweighted mean loss of the task's final output (per valid pixel,
     *                   averaged over the batch; deep-supervision outputs not included); {@code NaN} for a task
     *                   whose weight was 0
     */
    default void afterStep(Map<String, Double> taskLosses) {
    }

    /**
     * Called after each epoch.
     *
     * @param epochLosses task name → the mean over the epoch's steps of the {@link #afterStep} losses
     */
    default void afterEpoch(Map<String, Double> epochLosses) {
    }

    /**
     * The state to store in a checkpoint (plain numbers only).
     *
     * @return name → numbers, enough for {@link #restore} to continue the run
     */
    Map<String, double[]> state();

    /**
     * Restores {@link #state()} from a checkpoint.
     *
     * @param state a map {@link #state()} returned, as read back from the checkpoint
     */
    void restore(Map<String, double[]> state);
}
