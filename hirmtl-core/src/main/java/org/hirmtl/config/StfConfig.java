package org.hirmtl.config;

/**
 * Scale level: a shared 1×1 projection per scale and a residual fine-tuning block per (scale, task).
 *
 * @param enabled false = ablation without the per-task fine-tuning blocks (tasks share the projection)
 * @param channels channels {@code C} of the shared projection and of everything after it
 * @param deepSupervision add a light head per (scale, task) trained with that task's loss
 * @param deepSupervisionWeight λ_ds, the factor on the deep-supervision losses
 */
public record StfConfig(boolean enabled, int channels, boolean deepSupervision, double deepSupervisionWeight) {

    /** Requires positive channels and a non-negative weight. */
    public StfConfig {
        Checks.atLeast("channels", channels, 1);
        Checks.nonNegative("deep_supervision_weight", deepSupervisionWeight);
    }
}
