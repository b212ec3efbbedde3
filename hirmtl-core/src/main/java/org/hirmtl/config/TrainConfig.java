package org.hirmtl.config;

import org.hirmtl.api.config.Checks;
import org.hirmtl.api.config.ConfigValueException;
import org.hirmtl.api.config.WeightingConfig;

/**
 * Training.
 *
 * @param epochs number of epochs
 * @param batchSize images per step
 * @param optimizer optimiser and its hyper-parameters
 * @param schedule learning-rate schedule
 * @param gradClip clip the global gradient L2 norm to this value; 0 = off
 * @param seed seed of every random choice in training (initialisation, shuffling, augmentation)
 * @param checkpoint when to save and which checkpoint is the best
 * @param earlyStopping stop when a metric stops improving
 * @param weighting how the task losses are balanced
 * @param parallel data-parallel replicas
 */
public record TrainConfig(int epochs, int batchSize, OptimizerConfig optimizer, ScheduleConfig schedule,
                          double gradClip, long seed, CheckpointConfig checkpoint, EarlyStoppingConfig earlyStopping,
                          WeightingConfig weighting, ParallelConfig parallel) {

    /** Requires positive counts, every part, and a warm-up shorter than the training. */
    public TrainConfig {
        Checks.atLeast("epochs", epochs, 1);
        Checks.atLeast("batch_size", batchSize, 1);
        Checks.required("optimizer", optimizer);
        Checks.required("schedule", schedule);
        Checks.nonNegative("grad_clip", gradClip);
        Checks.required("checkpoint", checkpoint);
        Checks.required("early_stopping", earlyStopping);
        Checks.required("weighting", weighting);
        Checks.required("parallel", parallel);
        if (schedule.warmupEpochs() >= epochs) {
            throw new ConfigValueException("schedule.warmup_epochs", "must be < epochs (" + epochs + "), got "
                    + schedule.warmupEpochs());
        }
    }
}
