package org.hirmtl.engine.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution without activation (identity) that keeps no copy of its output for backprop and does not
 * recompute it either: the same configuration and parameters as DL4J's {@link ConvolutionLayer}, the same outputs and
 * gradients.
 *
 * <p>DL4J 1.0.0-M2.1's convolution either recomputes its forward result in backprop ({@code CacheMode.NONE}: a second
 * convolution per step) or keeps a copy of it ({@code CacheMode.DEVICE}: one more activation-size array per layer in
 * the step's activation workspace, see {@link org.hirmtl.engine.CacheModes}). Its backward pass reads that result only
 * to apply the activation's derivative, and the identity's derivative reads nothing but the shape. This layer
 * therefore remembers the output array itself (no copy) in a training pass; its consumers see the same array as
 * before. With any other activation it behaves exactly as {@link ConvolutionLayer}.
 */
public class LinearConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (checkpoints). */
    public LinearConvolution() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LeanLayers.wire(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** The layer: DL4J's convolution, minus the copy of an identity output kept for backprop. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!training || cacheMode == null || cacheMode == CacheMode.NONE
                    || !(layerConf().getActivationFn() instanceof ActivationIdentity)) {
                return super.activate(training, workspaceMgr);
            }
            CacheMode mode = cacheMode;
            cacheMode = CacheMode.NONE; // DL4J's forward then makes no copy ...
            try {
                INDArray z = super.activate(true, workspaceMgr);
                preOutput = z; // ... and backprop finds the output itself, of which it reads the shape only
                return z;
            } finally {
                cacheMode = mode;
            }
        }
    }
}
