package org.hirmtl.engine.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ReLU that writes its result into its input in training as well, so a training step keeps one array where DL4J's
 * {@link ActivationLayer} keeps two (its input and a copy it activates). Backprop takes the derivative at the stored
 * input, which now holds {@code relu(x)}, and {@code relu(x) > 0} exactly where {@code x > 0}, so the gradient is the
 * same bit for bit; it is one {@code relu_bp} op straight into the gradient array (DL4J's copies the input first).
 *
 * <p>Only valid where nothing else reads the input after this layer has run: {@link LeanLayers} puts it after a batch
 * norm or a sum whose output this ReLU alone consumes (neither needs its own output for its backward pass). DL4J's
 * activation layer already works in place in inference. With an activation other than plain ReLU it behaves
 * exactly as {@link ActivationLayer}.
 */
public class InPlaceRelu extends ActivationLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (checkpoints). */
    public InPlaceRelu() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LeanLayers.wire(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** Whether the activation is a plain ReLU (no threshold, no cap, no negative slope). */
    static boolean plainRelu(ActivationLayer layer) {
        return layer.getActivationFn() instanceof ActivationReLU r && r.getMax() == null
                && (r.getThreshold() == null || r.getThreshold() == 0.0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
    }

    /** The layer: DL4J's activation layer, in place in training too. */
    static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            if (!training || !plainRelu(layerConf())) {
                return super.activate(training, mgr);
            }
            assertInputSet(false);
            INDArray in = mgr.leverageTo(ArrayType.ACTIVATIONS, input);
            input = in; // backprop reads relu(x) from here: the same mask as x
            return layerConf().getActivationFn().getActivation(in, true);
        }

        /**
         * ε·[x > 0] as one {@code relu_bp} op into the gradient array. DL4J's activation layer first copies its input
         * into the gradient workspace and then lets the activation write the result into another new array there
         * (the copy is never used): one pass and one activation-size array more per ReLU in backprop.
         */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            assertInputSet(true);
            if (!plainRelu(layerConf()) || !input.equalShapes(epsilon) || input.dataType() != epsilon.dataType()) {
                return super.backpropGradient(epsilon, mgr);
            }
            INDArray grad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
            Nd4j.exec(new RectifiedLinearDerivative(input, epsilon, grad, 0.0));
            return new Pair<>(new DefaultGradient(), grad);
        }
    }
}
