package org.hirmtl.engine.layers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Puts the lean layers into a graph configuration before the graph is built: every plain {@link ConvolutionLayer}
 * with identity activation becomes a {@link LinearConvolution}, one with a sigmoid a {@link SigmoidConvolution}, and
 * every plain-ReLU {@link ActivationLayer} whose
 * input is a batch norm or an element-wise sum that nothing else reads becomes an {@link InPlaceRelu}. Both compute the
 * same outputs and gradients (checked by {@code LeanLayersTest}); a conv → batch norm → ReLU block then keeps two
 * activation-size arrays in a training step, as PyTorch does, where DL4J keeps four. Every NCHW {@link CnnLossLayer}
 * whose loss is one of the toolkit's own becomes a {@link LeanLoss}: the loss computed on the NCHW arrays without
 * DL4J's 2-D copies.
 *
 * <p>{@code -Dhirmtl.activations=dl4j} leaves the configuration as it is (DL4J's layers), for comparisons;
 * {@code -Dhirmtl.losses=dl4j} keeps DL4J's loss layers only, {@code -Dhirmtl.sigmoid=dl4j} DL4J's sigmoid
 * convolutions only.
 * Checkpoints store the layer classes they were built with: one written before keeps DL4J's layers.
 */
public final class LeanLayers {
    /** The system property that keeps DL4J's layers ({@code dl4j}). */
    public static final String PROPERTY = "hirmtl.activations";
    /** The system property that keeps DL4J's convolution for sigmoid convolutions ({@code dl4j}). */
    public static final String SIGMOID_PROPERTY = "hirmtl.sigmoid";

    /** The system property that keeps DL4J's loss layers ({@code dl4j}). */
    public static final String LOSS_PROPERTY = "hirmtl.losses";

    private LeanLayers() {
    }

    /** Whether the lean layers are used (not {@code -Dhirmtl.activations=dl4j}). */
    public static boolean enabled() {
        return !"dl4j".equals(System.getProperty(PROPERTY));
    }

    /** What {@link #apply} replaced. */
    public record Replaced(int convolutions, int relus, int losses) {
    }

    /**
     * Replaces the layers in {@code conf} (in place, before {@code new ComputationGraph(conf)}) unless disabled.
     * Layers of subclasses are never touched: they may compute something else.
     */
    public static Replaced apply(ComputationGraphConfiguration conf) {
        if (!enabled()) {
            return new Replaced(0, 0, 0);
        }
        Map<String, Integer> readers = new HashMap<>();
        for (List<String> inputs : conf.getVertexInputs().values()) {
            inputs.forEach(in -> readers.merge(in, 1, Integer::sum));
        }
        conf.getNetworkOutputs().forEach(out -> readers.merge(out, 1, Integer::sum));
        int convolutions = 0;
        int relus = 0;
        int losses = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            NeuralNetConfiguration layerConf = lv.getLayerConf();
            Layer layer = layerConf.getLayer();
            if (layer.getClass() == ConvolutionLayer.class
                    && ((ConvolutionLayer) layer).getActivationFn() instanceof ActivationIdentity) {
                layerConf.setLayer(convert(layer, LinearConvolution.class));
                convolutions++;
            } else if (layer.getClass() == ConvolutionLayer.class
                    && ((ConvolutionLayer) layer).getActivationFn() instanceof ActivationSigmoid
                    && !"dl4j".equals(System.getProperty(SIGMOID_PROPERTY))) {
                layerConf.setLayer(convert(layer, SigmoidConvolution.class));
                convolutions++;
            } else if (layer.getClass() == ActivationLayer.class && InPlaceRelu.plainRelu((ActivationLayer) layer)) {
                List<String> inputs = conf.getVertexInputs().get(e.getKey());
                if (inputs.size() == 1 && readers.getOrDefault(inputs.get(0), 0) == 1
                        && producesWithoutKeeping(conf.getVertices().get(inputs.get(0)))) {
                    layerConf.setLayer(convert(layer, InPlaceRelu.class));
                    relus++;
                }
            } else if (layer.getClass() == CnnLossLayer.class && builtInLoss((CnnLossLayer) layer)
                    && !"dl4j".equals(System.getProperty(LOSS_PROPERTY))) {
                CnnLossLayer loss = (CnnLossLayer) layer;
                ObjectNode tree = NeuralNetConfiguration.mapper().valueToTree(loss);
                tree.remove("lossFn"); // the same loss object stays: its weight is set through the graph later
                LeanLoss lean = (LeanLoss) convert(tree, LeanLoss.class);
                lean.setLossFn(loss.getLossFn());
                layerConf.setLayer(lean);
                losses++;
            }
        }
        return new Replaced(convolutions, relus, losses);
    }

    /** Loss layers in NCHW whose loss is one of the toolkit's own classes (a plugin's loss keeps DL4J's layer). */
    private static boolean builtInLoss(CnnLossLayer layer) {
        Object fn = layer.getLossFn();
        return layer.getFormat() == CNN2DFormat.NCHW && fn != null
                && (fn.getClass() == PixelCrossEntropy.class || fn.getClass() == MaskedL1.class
                || fn.getClass() == BalancedBinaryCrossEntropy.class);
    }

    /** Vertices whose backward pass does not read their own output (so a reader may overwrite it). */
    private static boolean producesWithoutKeeping(GraphVertex v) {
        if (v instanceof ElementWiseVertex ew) {
            return ew.getOp() == ElementWiseVertex.Op.Add;
        }
        return v instanceof LayerVertex lv && lv.getLayerConf().getLayer().getClass() == BatchNormalization.class;
    }

    /**
     * Sets up a layer implementation as DL4J's own {@code instantiate} methods do: listeners, index, parameters.
     * For the toolkit's own layer configurations' {@code instantiate}.
     */
    public static org.deeplearning4j.nn.api.Layer wire(org.deeplearning4j.nn.layers.AbstractLayer<?> layer,
                                                 org.deeplearning4j.nn.api.ParamInitializer initializer,
                                                 NeuralNetConfiguration conf,
                                                 java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener>
                                                         listeners, int index,
                                                 org.nd4j.linalg.api.ndarray.INDArray paramsView,
                                                 boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** The same layer configuration as an instance of {@code type} (a field-less subclass), through DL4J's JSON. */
    static Layer convert(Layer layer, Class<? extends Layer> type) {
        return convert((ObjectNode) NeuralNetConfiguration.mapper().valueToTree(layer), type);
    }

    private static Layer convert(ObjectNode tree, Class<? extends Layer> type) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        String from = tree.path("@class").asText("layer");
        tree.put("@class", type.getName());
        try {
            return mapper.treeToValue(tree, Layer.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot convert " + from + " to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
