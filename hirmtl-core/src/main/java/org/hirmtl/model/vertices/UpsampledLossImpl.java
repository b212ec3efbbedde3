package org.hirmtl.model.vertices;

import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.CnnLossLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hirmtl.engine.Workspaces;
import org.hirmtl.engine.layers.KeptScore;
import org.hirmtl.engine.layers.LeanLoss;
import org.hirmtl.engine.layers.NchwLosses;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of {@link UpsampledLoss}: DL4J's {@code CnnLossLayer} on the bilinear upsampling of its input.
 *
 * <p>Backprop (the only pass a training step makes through an output layer: DL4J leaves output layers out of the
 * training forward pass) upsamples the logits, computes the built-in losses on them in place ({@link NchwLosses}: the
 * gradient overwrites the logits), and writes the adjoint of the upsampling — the low-resolution gradient — as the
 * only array that outlives the layer. The multi-channel losses (semseg's cross-entropy) go a few examples at a time
 * ({@link NchwLosses#chunked}), each chunk in a scratch workspace, so the full-resolution logits of the whole batch
 * never exist at once (at NYUD's size 41 MiB per example instead of 330 MiB, plus the loss's temporaries); the
 * one-channel ones take the whole batch in the layer's working memory. The score is computed along with it and kept
 * for the score DL4J asks for right after backprop. A loss {@link NchwLosses} does not handle (a plugin's) goes
 * through DL4J's own layer code on the upsampled array.
 */
final class UpsampledLossImpl extends CnnLossLayer {
    private static final long serialVersionUID = 1L;

    /** The most full-resolution logits one chunk of {@link #chunkedBackprop} holds (at least one example). */
    static final long CHUNK_BYTES = 64L << 20;
    /** {@link #CHUNK_BYTES}, smaller in tests (to get several chunks out of tiny arrays). */
    static volatile long chunkBytes = CHUNK_BYTES;
    private static final String CHUNK_WORKSPACE = "HIRMTL_UPSAMPLED_LOSS";

    private transient BilinearUpsampling upsampling;
    /** The score computed in the last backprop, and the arrays it belongs to. */
    private final KeptScore kept = new KeptScore();

    UpsampledLossImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private BilinearUpsampling upsampling() {
        if (upsampling == null) {
            upsampling = new BilinearUpsampling(((UpsampledLoss) conf().getLayer()).getFactor(), dataType);
        }
        return upsampling;
    }

    /** The upsampled input, in workspace {@code type}. */
    private INDArray upsampled(ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = checkedInput();
        INDArray z = workspaceMgr.createUninitialized(type, dataType, upsampling().outputShape(x.shape()), 'c');
        upsampling().forward(x, z);
        return z;
    }

    private INDArray checkedInput() {
        if (input.rank() != 4 || layerConf().getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalStateException(layerId() + ": expected an NCHW input of rank 4, got shape "
                    + java.util.Arrays.toString(input.shape()) + " in " + layerConf().getFormat());
        }
        return input.castTo(dataType);
    }

    /** {@code call} with the layer's input replaced by {@code z} (DL4J's own code on the upsampled array). */
    private <T> T onUpsampled(INDArray z, Supplier<T> call) {
        INDArray low = input;
        input = z;
        try {
            return call.get();
        } finally {
            input = low;
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        kept.forget();
        INDArray x = checkedInput();
        long[] full = upsampling().outputShape(x.shape());
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        IActivation act = layerConf().getActivationFn();
        Optional<NchwLosses.Chunked> chunked = NchwLosses.chunked(layerConf().getLossFn(), act, full, labels,
                maskArray);
        if (chunked.isPresent()) {
            keep(NchwLosses.inPrecision(chunkedBackprop(chunked.get(), x, full, dx), dataType));
            return new Pair<>(new DefaultGradient(), dx);
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, full, 'c');
        upsampling().forward(x, z);
        INDArray grad;
        if (NchwLosses.supports(layerConf().getLossFn(), act, z, labels, maskArray)) {
            keep(NchwLosses.compute(layerConf().getLossFn(), act, z, labels, maskArray, z).orElseThrow());
            grad = z;
        } else {
            grad = onUpsampled(z, () -> super.backpropGradient(epsilon, workspaceMgr)).getSecond();
        }
        upsampling().backward(grad, dx);
        return new Pair<>(new DefaultGradient(), dx);
    }

    /**
     * Upsampling, loss and adjoint a few examples at a time ({@link #chunkBytes} of full-resolution logits at most),
     * each chunk in a scratch workspace emptied after it: the gradient at the input goes into {@code dx}; returns the
     * batch's score.
     */
    private double chunkedBackprop(NchwLosses.Chunked loss, INDArray x, long[] full, INDArray dx) {
        long n = full[0];
        long perExample = full[1] * full[2] * full[3] * dataType.width();
        long step = Math.max(1, chunkBytes / perExample);
        double sum = 0;
        for (long from = 0; from < n; from += step) {
            long to = Math.min(n, from + step);
            try (MemoryWorkspace ignored = Workspaces.scratch(CHUNK_WORKSPACE)) {
                INDArray z = Nd4j.createUninitialized(dataType, new long[] {to - from, full[1], full[2], full[3]}, 'c');
                upsampling().forward(x.get(NDArrayIndex.interval(from, to)), z);
                sum += loss.compute(from, z, z);
                upsampling().backward(z, dx.get(NDArrayIndex.interval(from, to)));
            }
        }
        return sum;
    }

    private void keep(double score) {
        kept.keep(score, input, labels, maskArray);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!kept.isFor(input, labels, maskArray)) {
            kept.forget();
            INDArray z = upsampled(ArrayType.FF_WORKING_MEM, workspaceMgr);
            return onUpsampled(z, () -> super.computeScore(fullNetRegTerm, training, workspaceMgr));
        }
        double s = kept.take() / getInputMiniBatchSize() + fullNetRegTerm;
        this.score = s;
        return s;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            throw new IllegalStateException("Cannot calculate score without input and labels " + layerId());
        }
        INDArray z = upsampled(ArrayType.FF_WORKING_MEM, workspaceMgr);
        return onUpsampled(z, () -> super.computeScoreForExamples(fullNetRegTerm, workspaceMgr));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        IActivation act = layerConf().getActivationFn();
        if (!LeanLoss.leanActivation(act)) {
            INDArray z = upsampled(ArrayType.FF_WORKING_MEM, workspaceMgr);
            return onUpsampled(z, () -> super.activate(training, workspaceMgr));
        }
        INDArray out = upsampled(ArrayType.ACTIVATIONS, workspaceMgr);
        if (act instanceof ActivationSoftmax) {
            NchwLosses.softmaxOverChannels(out, out);
            return out;
        }
        return act.getActivation(out, training);
    }

    @Override
    public void clear() {
        super.clear();
        kept.forget();
    }
}
