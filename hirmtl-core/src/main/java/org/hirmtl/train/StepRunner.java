package org.hirmtl.train;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hirmtl.data.Batch;
import org.hirmtl.engine.MemoryGuard;
import org.hirmtl.model.HirMtlModel;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * How the batches of (the rest of) an epoch train the model: one batch per optimiser step in this thread
 * ({@link #single}), one batch per replica per step on ParallelWrapper replicas ({@code train.parallel.workers}), or
 * on a cluster (the {@code hirmtl-spark} module). The trainer owns everything around the steps — loss weighting,
 * progress, divergence checks, checkpoints, validation — through {@link StepDone}.
 */
public interface StepRunner {
    /** What the trainer does after each optimiser step. */
    @FunctionalInterface
    interface StepDone {
        /**
         * @param losses the unweighted task losses of each batch the step trained on, in an order that does not
         *               depend on thread timing
         * @param images the images of the step
         * @return the task weights for the next step (the runner hands them to every copy of the model)
         * @throws IOException if a checkpoint cannot be written
         */
        Map<String, Double> done(List<Map<String, Double>> losses, int images) throws IOException;
    }

    /**
     * Trains {@code model} on {@code batches}; the model's loss weights are set for the first step.
     *
     * @param convert a batch as the graph's input and labels
     * @param after called after every step, in this thread
     */
    void train(HirMtlModel model, Iterator<Batch> batches, Function<Batch, MultiDataSet> convert, StepDone after)
            throws IOException;

    /** One batch per step, in this thread. */
    static StepRunner single(double deepSupervisionWeight) {
        return (model, batches, convert, after) -> {
            LossWeights weights = new LossWeights(model, deepSupervisionWeight);
            MemoryGuard.limitBytes(); // a malformed -Dhirmtl.maxResident stops here, not silently in a layer
            while (batches.hasNext()) {
                Batch b = batches.next();
                MemoryGuard.check();
                model.graph().fit(convert.apply(b));
                weights.apply(after.done(List.of(weights.taskLosses()), b.size()));
            }
        };
    }
}
