package org.hirmtl.optim;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.hirmtl.config.OptimizerConfig;
import org.hirmtl.config.TrainConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * How a graph is trained, as DL4J stores it in the graph's configuration: the optimiser with its learning-rate
 * schedule ({@link WarmupSchedule}), gradient clipping, workspaces and seed ({@link #base}), and each layer's weight
 * decay ({@link #applyWeightDecay}). The model builder asks for them; the architecture itself never reads them.
 */
public final class Optimisation {
    /**
     * The schedule length of a graph that is not trained to a run's schedule (a config check, a benchmark, a contract
     * test): long enough that the learning rate stays near its peak for the few steps such a graph takes.
     */
    public static final int UNSCHEDULED_STEPS = 1000;

    private Optimisation() {
    }

    /**
     * The graph builder's global settings for a run of {@code totalIterations} optimiser steps (the schedule's
     * length: its warm-up is {@code warmup_epochs} of them per epoch).
     */
    public static NeuralNetConfiguration.Builder base(TrainConfig t, int totalIterations) {
        int itersPerEpoch = Math.max(1, totalIterations / Math.max(1, t.epochs()));
        ISchedule lr = new WarmupSchedule(t.schedule().type(), t.optimizer().lr(), t.schedule().power(),
                t.schedule().warmupEpochs() * itersPerEpoch, totalIterations);
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(t.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(t.optimizer(), lr))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (t.gradClip() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(t.gradClip());
        }
        return b;
    }

    /**
     * Sets each layer's weight decay on its weights and biases, each layer its own list: coupled L2 ({@code wd · w}
     * added to the gradient, PyTorch Adam/SGD {@code weight_decay}) or, for {@code adamw}, decoupled decay scaled by
     * the learning rate (PyTorch AdamW). Not through the builder's global settings: DL4J 1.0.0-M2.1 shares one list
     * among layers and appends a {@code WeightDecay} to it once per configuration pass (measured: two per layer), so
     * the decay would be applied several times. Batch norm ignores it (DL4J never regularises γ/β).
     */
    public static void applyWeightDecay(ComputationGraphConfiguration conf, OptimizerConfig o) {
        double wd = o.weightDecay();
        for (var v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setRegularization(wd > 0 ? new ArrayList<>(List.of(decay(o))) : new ArrayList<>());
                layer.setRegularizationBias(wd > 0 ? new ArrayList<>(List.of(decay(o))) : new ArrayList<>());
            }
        }
    }

    private static Regularization decay(OptimizerConfig o) {
        return o.type().equals("adamw") ? new WeightDecay(o.weightDecay(), true)
                : new L2Regularization(o.weightDecay());
    }

    private static IUpdater updater(OptimizerConfig o, ISchedule lr) {
        return switch (o.type()) {
            case "adam", "adamw" -> new Adam(lr);
            case "sgd" -> o.momentum() > 0 ? new Nesterovs(lr, o.momentum()) : new Sgd(lr);
            default -> throw new IllegalArgumentException("train.optimizer.type: unknown '" + o.type() + "'");
        };
    }
}
