package org.hirmtl.engine.layers;

import java.util.Collection;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link CnnLossLayer} (same configuration, score, gradient and output) that computes the built-in pixel losses
 * on the {@code [N, C, H, W]} arrays through {@link NchwLosses} instead of on 2-D copies, and its output (softmax over
 * the channel axis, or an element-wise activation) into one array instead of three.
 *
 * <p>In a training step DL4J's layer permutes input and labels to {@code [N·H·W, C]} twice (once for the gradient,
 * once for the score), copies the input again for the loss, and permutes the gradient back; with a 40-class output at
 * 448×576 and batch 8 each such array is 330 MiB. Here the gradient is written once into its own workspace, the score is
 * computed along with it (one example-size temporary) and kept for the score DL4J asks for right after backprop.
 * Losses, activations or layouts {@link NchwLosses} does not handle take DL4J's path unchanged.
 */
public class LeanLoss extends CnnLossLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson (checkpoints). */
    public LeanLoss() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LeanLayers.wire(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** Activations applied to an NCHW array without a 2-D copy: softmax over channels, or element-wise ones. */
    public static boolean leanActivation(IActivation act) {
        return act instanceof ActivationSoftmax || act instanceof ActivationIdentity
                || act instanceof ActivationSigmoid || act instanceof ActivationTanH;
    }

    /** The layer: DL4J's CnnLossLayer with the NCHW loss and output. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.CnnLossLayer {
        /** The score computed in the last backprop, and the arrays it belongs to. */
        private final KeptScore kept = new KeptScore();

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean lean() {
            return layerConf().getFormat() == CNN2DFormat.NCHW && NchwLosses.supports(layerConf().getLossFn(),
                    layerConf().getActivationFn(), input, labels, maskArray);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            if (!lean()) {
                kept.forget();
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), 'c');
            OptionalDouble score = NchwLosses.compute(layerConf().getLossFn(), layerConf().getActivationFn(), input,
                    labels, maskArray, grad);
            kept.keep(score.orElseThrow(), input, labels, maskArray);
            return new Pair<>(new DefaultGradient(), grad);
        }

        @Override
        public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
            double raw;
            if (kept.isFor(input, labels, maskArray)) {
                raw = kept.take();
            } else if (lean()) {
                raw = NchwLosses.compute(layerConf().getLossFn(), layerConf().getActivationFn(), input, labels,
                        maskArray, null).orElseThrow();
            } else {
                kept.forget();
                return super.computeScore(fullNetRegTerm, training, workspaceMgr);
            }
            kept.forget();
            double s = raw / getInputMiniBatchSize() + fullNetRegTerm;
            this.score = s;
            return s;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            IActivation act = layerConf().getActivationFn();
            if (input == null || input.rank() != 4 || layerConf().getFormat() != CNN2DFormat.NCHW
                    || !leanActivation(act)) {
                return super.activate(training, workspaceMgr);
            }
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(),
                    'c');
            if (act instanceof ActivationSoftmax) {
                NchwLosses.softmaxOverChannels(input, out);
                return out;
            }
            out.assign(input);
            return act.getActivation(out, training);
        }

        @Override
        public void clear() {
            super.clear();
            kept.forget();
        }
    }
}
