package org.hirmtl.checkpoint;

import java.util.List;
import java.util.Map;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.OutputSpec;

/**
 * Everything a checkpoint records besides the weights and the config: how to use the model by task name, where the
 * run stands, and provenance.
 *
 * @param format the bundle format version
 * @param tasks task names in model order
 * @param outputs the graph's outputs in DL4J order
 * @param height input height
 * @param width input width
 * @param normalisation input normalisation
 * @param epochsDone completed epochs
 * @param iteration optimiser steps done (the schedule position)
 * @param bestValue the best value so far of the checkpoint metric (NaN if none yet)
 * @param bestEpoch the epoch it was reached (0 if none)
 * @param badEpochs epochs without improvement of the early-stopping metric
 * @param earlyStopBest the best value so far of the early-stopping metric
 * @param weightingState the loss weighting's state
 * @param seed the training seed
 * @param plugins plugin id → version that inference needs: those contributing the model's parts or its tasks
 *                (empty when built-ins only); eval, predict, export and bundles require exactly these
 * @param provenance toolkit version, git commit, DL4J version, backend, Java, OS, creation time, dataset
 * @param trainingPlugins plugin id → version the run used only for training (its dataset reader or loss
 *                        weighting); {@code --resume} requires these too (empty in checkpoints older than this key)
 * @param progress where a checkpoint written inside an epoch stands in epoch {@code epochsDone + 1}, or {@code null}
 *                 at the end of an epoch
 * @param components the qualified name of every plugin component the config names, {@code kind/name →
 *                   PLUGIN-ID:name} (e.g. {@code task/depth-edges → acme-edges:depth-edges}), so that reading the
 *                   checkpoint finds the same components when another plugin registers one of the names and loads
 *                   first ({@code Components.pinnedTo}); empty for built-ins only and in older checkpoints
 */
public record CheckpointMeta(int format, List<String> tasks, List<OutputSpec> outputs, int height, int width,
                             Normalisation normalisation, int epochsDone, long iteration, double bestValue,
                             int bestEpoch, int badEpochs, double earlyStopBest,
                             Map<String, double[]> weightingState, long seed, Map<String, String> plugins,
                             Map<String, String> provenance, Map<String, String> trainingPlugins,
                             EpochProgress progress, Map<String, String> components) {
    /** The current bundle format. */
    public static final int FORMAT = 1;

    /** Missing maps (older checkpoints) read as empty. */
    public CheckpointMeta {
        plugins = plugins == null ? Map.of() : Map.copyOf(plugins);
        trainingPlugins = trainingPlugins == null ? Map.of() : Map.copyOf(trainingPlugins);
        components = components == null ? Map.of() : Map.copyOf(components);
    }

    /**
     * The part of an epoch done when a checkpoint was written inside it, so training resumes at the next batch with
     * the epoch's running loss averages and timing.
     *
     * @param steps batches of the epoch done
     * @param lossSums task → sum of its unweighted training loss over those batches
     * @param seconds training time spent in the epoch so far
     * @param images images trained on in the epoch so far
     */
    public record EpochProgress(int steps, Map<String, Double> lossSums, double seconds, long images) {
        /** Copies the sums. */
        public EpochProgress {
            lossSums = Map.copyOf(lossSums);
        }
    }

    /** Whether the checkpoint was written inside an epoch (not at its end). */
    public boolean midEpoch() {
        return progress != null && progress.steps() > 0;
    }

    /** Every plugin the run used: {@link #plugins()} and {@link #trainingPlugins()}. */
    public Map<String, String> allPlugins() {
        Map<String, String> all = new java.util.TreeMap<>(trainingPlugins);
        all.putAll(plugins);
        return all;
    }
}
