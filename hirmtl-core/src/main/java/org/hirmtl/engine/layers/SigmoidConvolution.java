package org.hirmtl.engine.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution with a sigmoid (the AICM's gates) that keeps its output for backprop instead of a copy of its
 * pre-activation: the same configuration and parameters as DL4J's {@link ConvolutionLayer}, the same outputs and
 * gradients.
 *
 * <p>With the convolution cache on ({@code CacheMode.DEVICE}, {@link org.hirmtl.engine.CacheModes}) DL4J's layer keeps a
 * copy of {@code z} in the step's activation workspace and in backprop computes {@code σ(z)} again for the derivative.
 * The sigmoid's derivative needs only its output, {@code σ'(z) = y (1 − y)}, and the output array already lives in the
 * activation workspace until backprop ends (its consumers read it); this layer remembers that array (no copy) and
 * computes the derivative from it. Without the cache or a convolution helper (DL4J's backprop then computes z again
 * rather than reading what the layer keeps), or with another activation, it behaves exactly as DL4J's layer.
 */
public class SigmoidConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (checkpoints). */
    public SigmoidConvolution() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LeanLayers.wire(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** The layer: DL4J's convolution, keeping the sigmoid's output instead of a copy of its input. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private boolean outputKept;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            outputKept = false;
            // without a helper DL4J's backprop computes z again from the input instead of reading what is kept
            if (!training || cacheMode == null || cacheMode == CacheMode.NONE || helper == null
                    || !(layerConf().getActivationFn() instanceof ActivationSigmoid)) {
                return super.activate(training, workspaceMgr);
            }
            CacheMode mode = cacheMode;
            cacheMode = CacheMode.NONE; // DL4J's forward then keeps no copy of z ...
            try {
                INDArray y = super.activate(true, workspaceMgr);
                preOutput = y; // ... and backprop finds the output, from which the derivative is computed
                outputKept = true;
                return y;
            } finally {
                cacheMode = mode;
            }
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!outputKept || preOutput == null) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            IActivation sigmoid = layerConf().getActivationFn();
            layerConf().setActivationFn(new FromOutput()); // DL4J's backprop asks it for dL/dz at "z" = the output
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                layerConf().setActivationFn(sigmoid);
                outputKept = false;
            }
        }

        @Override
        public void clear() {
            super.clear();
            outputKept = false;
        }
    }

    /**
     * The sigmoid, with its derivative taken from its output: {@code getActivation(z)} is {@code σ(z)} as DL4J's, while
     * {@code backprop(y, ε)} reads the output {@code y} (not z) and returns {@code ε · y · (1 − y)} in a new array; y is
     * not changed. Set on the layer only for the duration of its backprop.
     */
    static final class FromOutput extends BaseActivationFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return new ActivationSigmoid().getActivation(in, training);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray y, INDArray epsilon) {
            assertShape(y, epsilon);
            INDArray dz = y.rsub(1.0);
            dz.muli(y).muli(epsilon);
            return new Pair<>(dz, null);
        }

        @Override
        public String toString() {
            return "sigmoid (derivative from the output)";
        }
    }
}
