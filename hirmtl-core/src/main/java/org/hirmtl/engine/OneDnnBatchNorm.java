package org.hirmtl.engine;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation of a DL4J {@code BatchNormalization} layer (NCHW, float) with oneDNN's own training primitives,
 * through JavaCPP's oneDNN preset: {@code forward_training} computes the batch statistics and normalises in one
 * primitive, {@code backward} gives dx, dγ and dβ in one more. DL4J M2.1's oneDNN helper instead computes the batch mean
 * and variance as separate ND4J reductions, runs oneDNN's <i>inference</i> primitive with them, and builds the backward
 * from oneDNN's first term and several ND4J passes (docs/engine.md, "oneDNN primitives per training step").
 *
 * <p>The layer keeps doing what it does around its helper: it reads the batch mean and (biased) variance from
 * {@link #getMeanCache}/{@link #getVarCache} and turns them into the running statistics' updates with its decay. In
 * inference the helper runs {@code forward_inference} with the mean and variance the layer passes. Anything other
 * than rank-4 NCHW float input returns {@code null}, and DL4J's own path runs.
 *
 * <p>Installed by {@link #install(ComputationGraph)} on every built or restored graph on the CPU backend, unless
 * {@code -Dhirmtl.bn=dl4j} (A/B in docs/engine.md: training 4.2 → 6.8 images/s, medians of 4 alternating runs).
 * Graph replicas made by DL4J's {@code ParallelWrapper} keep DL4J's helper; Spark executors install it on their
 * copies before each batch ({@code SparkStepRunner}).
 */
public final class OneDnnBatchNorm implements BatchNormalizationHelper {
    /** The system property that chooses: {@code onednn} (the default) or {@code dl4j} (DL4J's own helper). */
    public static final String PROPERTY = "hirmtl.bn";

    private static final engine ENGINE = Dnnl.ENGINE;

    private final Map<String, Primitives> primitives = new HashMap<>();
    private FloatPointer scaleShift;
    private FloatPointer diffScaleShift;
    private FloatPointer mean;
    private FloatPointer variance;
    private int channels;

    /** Whether it is used: on ND4J's CPU backend unless {@code -Dhirmtl.bn=dl4j}. */
    public static boolean enabled() {
        return Dnnl.enabled(PROPERTY);
    }

    /**
     * Gives every batch-norm layer of {@code graph} this helper when {@link #enabled()} (a layer that has it keeps
     * its own, with its cached primitives).
     *
     * @return how many layers have it
     */
    public static int install(ComputationGraph graph) {
        if (!enabled()) {
            return 0;
        }
        int n = 0;
        for (Layer l : graph.getLayers()) {
            if (l instanceof BatchNormalization bn) {
                if (!(bn.getHelper() instanceof OneDnnBatchNorm)) {
                    setHelper(bn, new OneDnnBatchNorm());
                }
                n++;
            }
        }
        return n;
    }

    /** Sets DL4J's package-private {@code helper} field of a batch-norm layer. */
    static void setHelper(BatchNormalization layer, BatchNormalizationHelper helper) {
        Dnnl.setHelper(BatchNormalization.class, layer, helper);
    }

    /** The primitives of one input shape. */
    private record Primitives(memory.desc data, memory.desc stats, memory.desc scaleShift,
                              batch_normalization_forward.primitive_desc trainPd,
                              batch_normalization_forward.primitive_desc inferPd,
                              batch_normalization_backward.primitive_desc backPd,
                              batch_normalization_forward train, batch_normalization_forward infer,
                              batch_normalization_backward backward) {
    }

    private Primitives primitives(long[] shape, double eps) {
        String key = Arrays.toString(shape) + "/" + eps;
        return primitives.computeIfAbsent(key, k -> {
            memory.desc data = new memory.desc(new LongPointer(shape), memory.data_type.f32, memory.format_tag.nchw);
            memory.desc stats = new memory.desc(new LongPointer(new long[] {shape[1]}), memory.data_type.f32,
                    memory.format_tag.x);
            memory.desc ss = new memory.desc(new LongPointer(new long[] {2, shape[1]}), memory.data_type.f32,
                    memory.format_tag.nc);
            var trainPd = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                    prop_kind.forward_training, data, (float) eps, normalization_flags.use_scale_shift),
                    Dnnl.userScratchpad(), ENGINE);
            var inferPd = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                    prop_kind.forward_inference.value, data, (float) eps,
                    normalization_flags.use_scale_shift.value | normalization_flags.use_global_stats.value),
                    Dnnl.userScratchpad(), ENGINE);
            var backPd = new batch_normalization_backward.primitive_desc(new batch_normalization_backward.desc(
                    prop_kind.backward, data, data, (float) eps, normalization_flags.use_scale_shift),
                    Dnnl.userScratchpad(), ENGINE, trainPd);
            return new Primitives(data, stats, ss, trainPd, inferPd, backPd, new batch_normalization_forward(trainPd),
                    new batch_normalization_forward(inferPd), new batch_normalization_backward(backPd));
        });
    }

    private void buffers(int c) {
        if (channels != c) {
            scaleShift = new FloatPointer(2L * c);
            diffScaleShift = new FloatPointer(2L * c);
            mean = new FloatPointer(c);
            variance = new FloatPointer(c);
            channels = c;
        }
    }

    private static Pointer at(INDArray a) {
        return Dnnl.at(a);
    }

    private static boolean usable(INDArray a) {
        return a != null && a.rank() == 4 && a.dataType() == DataType.FLOAT;
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    private void loadScaleShift(INDArray gamma, INDArray beta, int c) {
        scaleShift.position(0).put(gamma.castTo(DataType.FLOAT).dup().data().asFloat());
        scaleShift.position(c).put(beta.castTo(DataType.FLOAT).dup().data().asFloat());
        scaleShift.position(0);
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray globalMean, INDArray globalVar, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        MemoryGuard.check();
        if (format != CNN2DFormat.NCHW || !usable(x) || gamma == null || beta == null) {
            return null;
        }
        x = contiguous(x);
        long[] s = x.shape();
        int c = (int) s[1];
        buffers(c);
        loadScaleShift(gamma, beta, c);
        Primitives p = primitives(s, eps);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, s, 'c');
        IntMemoryMap args = new IntMemoryMap()
                .put(DNNL_ARG_SRC, new memory(p.data, ENGINE, at(x)))
                .put(DNNL_ARG_DST, new memory(p.data, ENGINE, at(y)))
                .put(DNNL_ARG_SCALE_SHIFT, new memory(p.scaleShift, ENGINE, scaleShift));
        if (training) {
            args.put(DNNL_ARG_MEAN, new memory(p.stats, ENGINE, mean))
                    .put(DNNL_ARG_VARIANCE, new memory(p.stats, ENGINE, variance));
            p.train.execute(Dnnl.stream(), args.put(DNNL_ARG_SCRATCHPAD, Dnnl.scratchpad(p.trainPd.scratchpad_desc())));
        } else {
            INDArray m = contiguous(globalMean.castTo(DataType.FLOAT).reshape(c));
            INDArray v = contiguous(globalVar.castTo(DataType.FLOAT).reshape(c));
            args.put(DNNL_ARG_MEAN, new memory(p.stats, ENGINE, at(m)))
                    .put(DNNL_ARG_VARIANCE, new memory(p.stats, ENGINE, at(v)));
            p.infer.execute(Dnnl.stream(), args.put(DNNL_ARG_SCRATCHPAD, Dnnl.scratchpad(p.inferPd.scratchpad_desc())));
        }
        Dnnl.stream()._wait();
        Dnnl.endCall();
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        MemoryGuard.check();
        if (format != CNN2DFormat.NCHW || !usable(x) || !usable(epsilon) || gamma == null || beta == null) {
            return null;
        }
        x = contiguous(x);
        epsilon = contiguous(epsilon);
        long[] s = x.shape();
        int c = (int) s[1];
        if (channels != c) {
            return null; // no forward pass of this shape to take the batch statistics from
        }
        loadScaleShift(gamma, beta, c);
        Primitives p = primitives(s, eps);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, s, 'c');
        p.backward.execute(Dnnl.stream(), new IntMemoryMap()
                .put(DNNL_ARG_SRC, new memory(p.data, ENGINE, at(x)))
                .put(DNNL_ARG_DIFF_DST, new memory(p.data, ENGINE, at(epsilon)))
                .put(DNNL_ARG_SCALE_SHIFT, new memory(p.scaleShift, ENGINE, scaleShift))
                .put(DNNL_ARG_MEAN, new memory(p.stats, ENGINE, mean))
                .put(DNNL_ARG_VARIANCE, new memory(p.stats, ENGINE, variance))
                .put(DNNL_ARG_DIFF_SRC, new memory(p.data, ENGINE, at(dx)))
                .put(DNNL_ARG_DIFF_SCALE_SHIFT, new memory(p.scaleShift, ENGINE, diffScaleShift))
                .put(DNNL_ARG_SCRATCHPAD, Dnnl.scratchpad(p.backPd.scratchpad_desc())));
        Dnnl.stream()._wait();
        Dnnl.endCall();
        float[] d = new float[2 * c];
        diffScaleShift.position(0).get(d);
        dGammaView.assign(Nd4j.createFromArray(Arrays.copyOfRange(d, 0, c)).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(Arrays.copyOfRange(d, c, 2 * c)).reshape(dBetaView.shape()));
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        float[] m = new float[channels];
        mean.position(0).get(m);
        return Nd4j.createFromArray(m).castTo(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        float[] v = new float[channels];
        variance.position(0).get(v);
        return Nd4j.createFromArray(v).castTo(dataType);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("scale_shift_and_statistics", 6L * channels * Float.BYTES);
    }

    @Override
    public boolean checkSupported() {
        return true;
    }
}
