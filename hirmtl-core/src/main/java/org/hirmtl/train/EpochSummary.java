package org.hirmtl.train;

import java.util.Map;

/**
 * One epoch's numbers, as appended to {@code metrics.jsonl}.
 *
 * @param epoch 1-based epoch
 * @param iteration optimiser steps done
 * @param learningRate the learning rate at the epoch's end
 * @param trainLoss mean unweighted training loss per task
 * @param weights the loss weights used at the epoch's end
 * @param validation validation metrics, {@code task.metric} → value, plus {@code loss}
 * @param seconds wall time of the epoch
 * @param imagesPerSecond training throughput
 * @param best whether this epoch is the best so far
 */
public record EpochSummary(int epoch, long iteration, double learningRate, Map<String, Double> trainLoss,
                           Map<String, Double> weights, Map<String, Double> validation, double seconds,
                           double imagesPerSecond, boolean best) {
}
