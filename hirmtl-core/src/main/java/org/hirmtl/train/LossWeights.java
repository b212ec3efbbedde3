package org.hirmtl.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.OutputSpec;

/**
 * Hands a weighting strategy's task weights to the loss functions of the graph's output layers (deep-supervision
 * outputs get {@code λ_ds} times the task's weight), and reads back each task's unweighted loss after a step. The loss
 * weights live in the loss functions only (the model builder sets the configured ones when it builds the graph, this
 * class replaces them before every step); no layer of the architecture reads them.
 */
public final class LossWeights {
    private final HirMtlModel model;
    private final double deepSupervisionWeight;
    private final Map<String, PixelLoss> finals = new LinkedHashMap<>();
    private final Map<String, Layer> finalLayers = new LinkedHashMap<>();

    /** @param model the model (or a replica of it) @param deepSupervisionWeight λ_ds */
    public LossWeights(HirMtlModel model, double deepSupervisionWeight) {
        this.model = model;
        this.deepSupervisionWeight = deepSupervisionWeight;
        for (OutputSpec o : model.outputs()) {
            if (!o.auxiliary()) {
                finals.put(o.task(), loss(o));
                finalLayers.put(o.task(), model.graph().getLayer(o.name()));
            }
        }
    }

    /** Sets every output layer's loss weight. */
    public void apply(Map<String, Double> weights) {
        for (OutputSpec o : model.outputs()) {
            double w = weights.get(o.task()) * (o.auxiliary() ? deepSupervisionWeight : 1.0);
            loss(o).setWeight(w);
        }
    }

    /**
     * Each task's unweighted mean loss at the last step: its final output's score divided by its weight (the
     * deep-supervision outputs are not included). DL4J adds the regularisation term to the score of the graph's first
     * output only, so it is taken off that one.
     */
    public Map<String, Double> taskLosses() {
        ComputationGraph g = model.graph();
        List<OutputSpec> outputs = model.outputs();
        String first = outputs.get(0).name();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> e : finalLayers.entrySet()) {
            double score = e.getValue().score();
            if (e.getValue().conf().getLayer().getLayerName().equals(first)) {
                score -= g.calcRegularizationScore(true);
            }
            double w = finals.get(e.getKey()).getWeight();
            out.put(e.getKey(), w == 0 ? Double.NaN : score / w);
        }
        return out;
    }

    private PixelLoss loss(OutputSpec o) {
        Layer layer = model.graph().getLayer(o.name());
        CnnLossLayer conf = (CnnLossLayer) layer.conf().getLayer();
        return (PixelLoss) conf.getLossFn();
    }
}
