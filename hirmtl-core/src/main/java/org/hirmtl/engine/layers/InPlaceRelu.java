package org.hirmtl.engine.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A ReLU that writes its result into its input in training as well, so a training step keeps one array where DL4J's
 * {@link ActivationLayer} keeps two (its input and a copy it activates). Backprop is DL4J's, unchanged: it takes the
 * derivative at the stored input, which now holds {@code relu(x)}, and {@code relu(x) > 0} exactly where
 * {@code x > 0}, so the gradient is the same bit for bit.
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
    }
}
