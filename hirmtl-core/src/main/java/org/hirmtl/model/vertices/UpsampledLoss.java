package org.hirmtl.model.vertices;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hirmtl.engine.layers.LeanLayers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.activations.IActivation;

/**
 * A task's loss layer that reads the head's low-resolution logits and upsamples them inside itself: bilinear ×
 * {@code factor} (as {@link BilinearUpsampleVertex}), then {@link CnnLossLayer}'s activation and loss against the
 * full-resolution labels. The same score, gradient and output as an upsampling vertex followed by a
 * {@code CnnLossLayer}, but the full-resolution arrays exist only in the layer's working memory while it runs: in a
 * training step DL4J keeps every layer's input until backprop ends and sizes its activation-gradient workspaces by
 * the largest gradient they held, so with the upsampling in the graph each output's full-resolution logits
 * ({@code N × C × H × W}, 330 MiB for NYUD's 40 classes at 448×576, batch 8) stayed for the whole step and its
 * full-resolution gradient sized a pool workspace. Its output (inference, validation) is the full-resolution
 * activation, as before.
 *
 * <p>Runtime: {@link UpsampledLossImpl}. Saved in model JSON as DL4J's {@code CnnLossLayer} fields plus
 * {@code "factor"} under {@code "@class": "org.hirmtl.model.vertices.UpsampledLoss"}: the class and field names are a
 * file format. Exported to ONNX as {@code Resize} (linear, half-pixel) followed by the activation. NCHW only.
 */
public class UpsampledLoss extends CnnLossLayer {
    private static final long serialVersionUID = 1L;
    /** The system property that keeps the upsampling in the graph for new models ({@code graph}), for comparisons. */
    public static final String PROPERTY = "hirmtl.losses.upsample";

    private int factor;

    /** For Jackson (checkpoints). */
    public UpsampledLoss() {
    }

    /**
     * @param factor     the upsampling factor, at least 2
     * @param loss       the loss on the upsampled activations
     * @param activation the activation (softmax over channels for cross-entropy, element-wise ones otherwise)
     */
    public UpsampledLoss(int factor, ILossFunction loss, IActivation activation) {
        setFactor(factor);
        setLossFn(loss);
        setActivationFn(activation);
        setFormat(CNN2DFormat.NCHW);
    }

    /** The upsampling factor. */
    public int getFactor() {
        return factor;
    }

    /** @param factor the upsampling factor, at least 2 */
    public void setFactor(int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("upsampled loss: the factor must be at least 2, got " + factor);
        }
        this.factor = factor;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LeanLayers.wire(new UpsampledLossImpl(conf, networkDataType), initializer(), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional in) || in.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalStateException("upsampled loss layer \"" + getLayerName()
                    + "\": expected an NCHW convolutional input, got " + inputType);
        }
        return InputType.convolutional(in.getHeight() * factor, in.getWidth() * factor, in.getChannels(),
                CNN2DFormat.NCHW);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long full = out.arrayElementsPerExample();
        long in = inputType.arrayElementsPerExample();
        // Backward: the upsampled logits (the gradient replaces them) and the adjoint's transposed copies.
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(0, 0)
                .workingMemory(0, in + full / factor, 0, full + 2 * full / factor)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpsampledLoss other && super.equals(o) && factor == other.factor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), factor);
    }

    @Override
    public String toString() {
        return "UpsampledLoss(factor=" + factor + ", " + super.toString() + ")";
    }
}
