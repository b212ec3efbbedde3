package org.hirmtl.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.OutputSpec;
import org.hirmtl.train.LossWeights;
import org.hirmtl.train.StepRunner;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Optimiser steps on a Spark cluster: each step sends {@code train.parallel.workers} batches, one per partition, to
 * the executors, which fit them on copies of the model (DL4J {@link SparkComputationGraph} with
 * {@link ParameterAveragingTrainingMaster}, averaging frequency 1, optimiser state included); the averaged parameters
 * come back into the driver's model. Each executor reports the task losses of its batch through a Spark accumulator,
 * so the trainer's per-step work (loss weighting, progress, divergence check, mid-epoch checkpoints) runs on the
 * driver exactly as with local replicas, and the task weights of the next step travel with the model configuration.
 */
public final class SparkStepRunner implements StepRunner {
    private final JavaSparkContext sc;
    private final int workers;
    private final int batchSize;
    private final long seed;
    private final double deepSupervisionWeight;

    /** @param sc the Spark context @param config the run's config ({@code train.parallel.workers} batches a step) */
    public SparkStepRunner(JavaSparkContext sc, ExperimentConfig config) {
        this.sc = sc;
        this.workers = config.train().parallel().workers();
        this.batchSize = config.train().batchSize();
        this.seed = config.train().seed();
        this.deepSupervisionWeight = config.model().stf().deepSupervisionWeight();
    }

    @Override
    public void train(HirMtlModel model, Iterator<Batch> batches, Function<Batch, MultiDataSet> convert,
                      StepDone after) throws IOException {
        CollectionAccumulator<HashMap<String, Double>> losses = sc.sc().collectionAccumulator("hirmtl task losses");
        TaskLossHook hook = new TaskLossHook(losses, model.tasks(), model.outputs(), model.height(), model.width(),
                deepSupervisionWeight);
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(1)
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .rngSeed(seed)
                .trainingHooks(hook)
                .build();
        ComputationGraph graph = model.graph();
        SparkComputationGraph net = new SparkComputationGraph(sc, graph, master);
        LossWeights weights = new LossWeights(model, deepSupervisionWeight);
        while (batches.hasNext()) {
            List<MultiDataSet> step = new ArrayList<>(workers);
            int images = 0;
            while (step.size() < workers && batches.hasNext()) {
                Batch b = batches.next();
                step.add(convert.apply(b));
                images += b.size();
            }
            int iteration = graph.getIterationCount();
            hook.iteration = iteration; // travels with this step's tasks
            losses.reset();
            net.fitMultiDataSet(sc.parallelize(step, step.size()));
            if (net.getNetwork() != graph) { // the averaged result, into the trainer's model
                graph.setParams(net.getNetwork().params());
                if (net.getNetwork().getUpdater().getStateViewArray() != null) {
                    graph.getUpdater().getStateViewArray().assign(net.getNetwork().getUpdater().getStateViewArray());
                }
                net.setNetwork(graph);
            }
            graph.getConfiguration().setIterationCount(iteration + 1); // one step, as the schedule counts them
            List<Map<String, Double>> stepLosses = new ArrayList<>(losses.value());
            stepLosses.sort((a, c) -> compare(a, c, model.tasks()));
            weights.apply(after.done(stepLosses, images));
        }
    }

    private static int compare(Map<String, Double> a, Map<String, Double> b, List<String> tasks) {
        for (String t : tasks) {
            int c = Double.compare(a.getOrDefault(t, 0.0), b.getOrDefault(t, 0.0));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Runs on the executors: after each batch, adds the executor model's unweighted task losses to the accumulator. */
    static final class TaskLossHook implements TrainingHook {
        private static final long serialVersionUID = 1L;
        private final CollectionAccumulator<HashMap<String, Double>> losses;
        private final List<String> tasks;
        private final List<OutputSpec> outputs;
        private final int height;
        private final int width;
        private final double deepSupervisionWeight;
        /** The optimiser steps done before this Spark step (the learning-rate schedule's and Adam's position). */
        int iteration;

        TaskLossHook(CollectionAccumulator<HashMap<String, Double>> losses, List<String> tasks,
                     List<OutputSpec> outputs, int height, int width, double deepSupervisionWeight) {
            this.losses = losses;
            this.tasks = new ArrayList<>(tasks);
            this.outputs = new ArrayList<>(outputs);
            this.height = height;
            this.width = width;
            this.deepSupervisionWeight = deepSupervisionWeight;
        }

        @Override
        public void postUpdate(MultiDataSet batch, Model model) {
            HirMtlModel m = new HirMtlModel((ComputationGraph) model, tasks, outputs, height, width);
            losses.add(new HashMap<>(new LossWeights(m, deepSupervisionWeight).taskLosses()));
        }

        /**
         * DL4J builds the executor's copy from a configuration whose step counter stays at its first value, so the
         * schedule and Adam's bias correction would restart at every step (measured: parameters differ from local
         * training after 4 steps); set the step counter of the driver's model. Also gives the copy the toolkit's
         * batch norm ({@code OneDnnBatchNorm}), as the driver's model has.
         */
        @Override
        public void preUpdate(MultiDataSet batch, Model model) {
            ((ComputationGraph) model).getConfiguration().setIterationCount(iteration);
            // the executor's copy is built by DL4J, with DL4J's batch-norm helper: train as the driver does
            org.hirmtl.engine.OneDnnBatchNorm.install((ComputationGraph) model);
            org.hirmtl.engine.OneDnnConvolution.install((ComputationGraph) model);
        }

        @Override
        public void preUpdate(DataSet batch, Model model) {
        }

        @Override
        public void postUpdate(DataSet batch, Model model) {
        }
    }
}
