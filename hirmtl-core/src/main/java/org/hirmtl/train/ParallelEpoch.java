package org.hirmtl.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.hirmtl.config.ParallelConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.model.HirMtlModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * One epoch of data-parallel training with DL4J's {@link ParallelWrapper}: {@code workers} replicas (the first is the
 * model itself) each fit one batch per round; after the round the wrapper averages parameters and optimiser state
 * into every replica, so the model equals each replica between rounds. Between two
 * rounds — while every replica waits — the trainer gets the round's per-batch task losses and does what it does after
 * a step (loss weighting, progress, divergence check, mid-epoch checkpoint), and the new task weights are handed to
 * every replica.
 *
 * <p>Each replica trains on a thread of the wrapper's: before its first backward pass the replica's thread gets the
 * toolkit's workspaces ({@link Workspaces#sizeFromFirstPass}: activation gradients in the thread's arena), as the
 * trainer's own thread does for single-replica training.
 */
final class ParallelEpoch implements StepRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParallelEpoch.class);
    private final ParallelConfig config;
    private final double deepSupervisionWeight;
    /** Every replica seen so far, by identity, with its loss reader. */
    private final Map<ComputationGraph, LossWeights> replicas = new IdentityHashMap<>();
    private final List<Map<String, Double>> round = new ArrayList<>();
    /** Each replica thread's workspaces after its first step, by thread name. */
    private final Map<String, Workspaces.Usage> replicaMemory = new java.util.HashMap<>();
    private HirMtlModel model;

    ParallelEpoch(ParallelConfig config, double deepSupervisionWeight) {
        this.config = config;
        this.deepSupervisionWeight = deepSupervisionWeight;
    }

    /** Trains on {@code batches} (what is left of an epoch), calling {@code after} after every round. */
    @Override
    public void train(HirMtlModel model, Iterator<Batch> batches, Function<Batch, MultiDataSet> convert,
                      StepDone after) throws IOException {
        this.model = model;
        replicas.clear();
        synchronized (this) {
            replicaMemory.clear();
        }
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(model.graph())
                .workers(config.workers())
                .prefetchBuffer(0) // the batch loader prefetches already
                .averagingFrequency(1)
                .averageUpdaters(true)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                .workspaceMode(WorkspaceMode.ENABLED)
                .build();
        wrapper.setListeners(new LossListener());
        Source source = new Source(batches, convert, after);
        try {
            wrapper.fit(source);
            source.roundDone(); // the last round
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            wrapper.shutdown();
        }
        if (LOG.isDebugEnabled()) {
            replicaMemory().forEach((thread, usage) -> LOG.debug("replica thread {}: {}", thread, usage.summary()));
        }
    }

    /**
     * The workspaces of each replica's thread right after its first step of the last {@link #train} call, by thread
     * name in name order.
     */
    synchronized Map<String, Workspaces.Usage> replicaMemory() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(replicaMemory));
    }

    private synchronized void record(ComputationGraph replica) {
        replicaMemory.computeIfAbsent(Thread.currentThread().getName(), t -> Workspaces.usage());
        LossWeights w = replicas.computeIfAbsent(replica, g -> new LossWeights(
                new HirMtlModel(g, model.tasks(), model.outputs(), model.height(), model.width()),
                deepSupervisionWeight));
        round.add(w.taskLosses());
    }

    private synchronized List<Map<String, Double>> takeRound() {
        List<Map<String, Double>> out = new ArrayList<>(round);
        round.clear();
        // worker threads finish in any order: sort so that sums over the round do not depend on it
        out.sort((a, b) -> {
            for (String t : model.tasks()) {
                int c = Double.compare(a.getOrDefault(t, 0.0), b.getOrDefault(t, 0.0));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return out;
    }

    private synchronized void applyWeights(Map<String, Double> weights) {
        for (LossWeights w : replicas.values()) {
            w.apply(weights);
        }
    }

    /**
     * Gives each replica's thread the toolkit's workspaces before its backward pass, and reads the replica's task
     * losses right after its step (both on the replica's thread).
     */
    private final class LossListener extends BaseTrainingListener {
        @Override
        public void onForwardPass(Model m, Map<String, INDArray> activations) {
            // cheap once the workspaces exist; the first pass's backward then finds them instead of making DL4J's
            Workspaces.sizeFromFirstPass(((ComputationGraph) m).getVertices().length);
        }

        @Override
        public void iterationDone(Model m, int iteration, int epoch) {
            record((ComputationGraph) m);
        }
    }

    /**
     * The batches as DL4J's iterator. The wrapper asks for the next round's batches only after the previous round
     * finished (and was averaged), so that moment is where the trainer's per-step work happens.
     */
    private final class Source implements MultiDataSetIterator {
        private final Iterator<Batch> batches;
        private final Function<Batch, MultiDataSet> convert;
        private final StepDone after;
        private int served;
        private int images;

        Source(Iterator<Batch> batches, Function<Batch, MultiDataSet> convert, StepDone after) {
            this.batches = batches;
            this.convert = convert;
            this.after = after;
        }

        void roundDone() throws IOException {
            if (images > 0) {
                applyWeights(after.done(takeRound(), images));
                images = 0;
            }
        }

        @Override
        public boolean hasNext() {
            return batches.hasNext();
        }

        @Override
        public MultiDataSet next() {
            if (served > 0 && served % config.workers() == 0) {
                try {
                    roundDone();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Batch b = batches.next();
            served++;
            images += b.size();
            return convert.apply(b);
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("no pre-processor");
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return false;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("one pass");
        }
    }
}
