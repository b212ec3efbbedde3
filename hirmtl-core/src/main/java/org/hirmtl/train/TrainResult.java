package org.hirmtl.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of a training run.
 *
 * @param runDir the run folder
 * @param epochsDone epochs completed
 * @param validation the last validation metrics ({@code task.metric})
 * @param baselines trivial baselines' metrics on the same split ({@code task.metric})
 * @param baselineNames per task, what the baseline predicts
 * @param bestEpoch the epoch of {@code best.zip}
 * @param stoppedEarly whether early stopping ended the run
 */
public record TrainResult(Path runDir, int epochsDone, Map<String, Double> validation, Map<String, Double> baselines,
                          Map<String, String> baselineNames, int bestEpoch, boolean stoppedEarly) {
}
