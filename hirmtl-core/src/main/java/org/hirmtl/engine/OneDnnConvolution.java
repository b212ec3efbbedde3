package org.hirmtl.engine;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.hirmtl.engine.Dnnl.Buffer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2-D convolution of a DL4J {@code ConvolutionLayer} (NCHW, float) with oneDNN's primitives called directly,
 * through JavaCPP's oneDNN preset, in the blocked layouts oneDNN chooses, with the layout reorders written into
 * scratch buffers that stay allocated ({@link Dnnl#scratch}).
 *
 * <p>DL4J M2.1's oneDNN helper goes through libnd4j's {@code conv2d} ops: every forward convolution runs in NHWC (the
 * input transposed there and the output back), every backward reorders its inputs into buffers libnd4j allocates per
 * call, and the page faults on those fresh buffers made the reorders cost more than all convolutions of a training
 * step (docs/engine.md, "oneDNN primitives per training step"). This helper builds, per input shape, a forward
 * primitive on {@code format_tag::any} layouts and the backward-data and backward-weights primitives hinted by it,
 * reads the layer's NCHW arrays in place (any strides: a channel slice of a concatenation's gradient is read without a
 * copy), reorders only where the chosen layout differs, and writes the results into DL4J's own arrays: the output and
 * the input gradient in the layer workspace, the weight and bias gradients into the layer's gradient views.
 *
 * <p>What it does not take (NHWC data, other data types, a padding oneDNN rejects) goes to DL4J's own helper. Installed
 * by {@link #install(ComputationGraph)} on every built or restored graph on the CPU backend, unless
 * {@code -Dhirmtl.conv=dl4j}.
 */
public final class OneDnnConvolution implements ConvolutionHelper {
    /** The system property that chooses: {@code onednn} (the default) or {@code dl4j} (DL4J's own helper). */
    public static final String PROPERTY = "hirmtl.conv";

    private final Map<String, Forward> forwards = new HashMap<>();
    private final Map<String, Backward> backwards = new HashMap<>();
    private MKLDNNConvHelper fallback;

    /** Whether it is used: on ND4J's CPU backend unless {@code -Dhirmtl.conv=dl4j}. */
    public static boolean enabled() {
        return Dnnl.enabled(PROPERTY);
    }

    /**
     * Gives every convolution layer of {@code graph} (DL4J's {@code ConvolutionLayer} and subclasses, not the
     * depthwise, separable or transposed ones) this helper when {@link #enabled()}.
     *
     * @return how many layers have it
     */
    public static int install(ComputationGraph graph) {
        if (!enabled()) {
            return 0;
        }
        int n = 0;
        for (Layer l : graph.getLayers()) {
            if (l instanceof ConvolutionLayer conv && covered(conv)) {
                if (!(conv.getHelper() instanceof OneDnnConvolution)) {
                    setHelper(conv, new OneDnnConvolution());
                }
                n++;
            }
        }
        return n;
    }

    private static boolean covered(ConvolutionLayer layer) {
        Class<?> c = layer.getClass();
        while (c != ConvolutionLayer.class) {
            if (c.getName().startsWith("org.deeplearning4j.")) {
                return false; // DL4J's depthwise, separable, deconvolution, ... layers: other ops
            }
            c = c.getSuperclass();
        }
        return true;
    }

    /** Sets DL4J's protected {@code helper} field of a convolution layer. */
    static void setHelper(ConvolutionLayer layer, ConvolutionHelper helper) {
        Dnnl.setHelper(ConvolutionLayer.class, layer, helper);
    }

    /** Frees the scratch buffers of the calling thread (training releases them with its workspaces). */
    public static void releaseBuffers() {
        Dnnl.releaseBuffers();
    }

    /** The geometry of one call: NCHW input and output sizes, kernel, strides, dilations, paddings. */
    private record Geometry(long[] src, long[] weights, long[] dst, long[] strides, long[] dilates, long[] padL,
                            long[] padR, boolean bias) {
        String key() {
            return Arrays.toString(src) + Arrays.toString(weights) + Arrays.toString(strides)
                    + Arrays.toString(dilates) + Arrays.toString(padL) + Arrays.toString(padR) + bias;
        }
    }

    private static Geometry geometry(INDArray input, INDArray weights, boolean bias, int[] kernel, int[] strides,
                                     int[] pad, ConvolutionMode mode, int[] dilation) {
        int[] out;
        if (mode == ConvolutionMode.Same) {
            out = ConvolutionUtils.getOutputSize(input, kernel, strides, null, mode, dilation, CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) input.size(2), (int) input.size(3)},
                    kernel, strides, dilation);
        } else {
            out = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, mode, dilation, CNN2DFormat.NCHW);
        }
        long[] padR = new long[2];
        for (int d = 0; d < 2; d++) {
            padR[d] = (long) (out[d] - 1) * strides[d] + (long) (kernel[d] - 1) * dilation[d] + 1
                    - input.size(2 + d) - pad[d];
        }
        return new Geometry(input.shape(), weights.shape(),
                new long[] {input.size(0), weights.size(0), out[0], out[1]},
                new long[] {strides[0], strides[1]}, new long[] {dilation[0] - 1, dilation[1] - 1},
                new long[] {pad[0], pad[1]}, padR, bias);
    }

    /** The forward primitive of one geometry, and its reorders from and to the layer's arrays. */
    private static final class Forward {
        final convolution_forward.primitive_desc pd;
        final convolution_forward conv;
        final memory.desc bias;
        final memory.desc src;
        final memory.desc weights;
        final memory.desc dst;
        final Map<String, Reorder> reorders = new HashMap<>();

        Forward(Geometry g) {
            memory.desc any = layout(g, g.src);
            bias = new memory.desc(new long[] {g.weights[0]}, memory.data_type.f32, memory.format_tag.x);
            pd = new convolution_forward.primitive_desc(g.bias
                    ? new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, any,
                            layout(g, g.weights), bias, layout(g, g.dst), g.strides, g.dilates, g.padL, g.padR)
                    : new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, any,
                            layout(g, g.weights), layout(g, g.dst), g.strides, g.dilates, g.padL, g.padR),
                    Dnnl.userScratchpad(), Dnnl.ENGINE);
            conv = new convolution_forward(pd);
            src = pd.src_desc();
            weights = pd.weights_desc();
            dst = pd.dst_desc();
        }
    }

    /** The backward primitives of one geometry. */
    private static final class Backward {
        final convolution_backward_data.primitive_desc dataPd;
        final convolution_backward_weights.primitive_desc weightsPd;
        final convolution_backward_data data;
        final convolution_backward_weights weights;
        final memory.desc dataDiffDst;
        final memory.desc dataWeights;
        final memory.desc dataDiffSrc;
        final memory.desc weightsSrc;
        final memory.desc weightsDiffDst;
        final memory.desc weightsDiffWeights;
        final Map<String, Reorder> reorders = new HashMap<>();

        Backward(Geometry g, Forward fwd) {
            dataPd = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(
                    algorithm.convolution_direct, layout(g, g.src), layout(g, g.weights), layout(g, g.dst), g.strides,
                    g.dilates, g.padL, g.padR), Dnnl.userScratchpad(), Dnnl.ENGINE, fwd.pd);
            weightsPd = new convolution_backward_weights.primitive_desc(g.bias
                    ? new convolution_backward_weights.desc(algorithm.convolution_direct, layout(g, g.src),
                            layout(g, g.weights), fwd.bias, layout(g, g.dst), g.strides, g.dilates, g.padL, g.padR)
                    : new convolution_backward_weights.desc(algorithm.convolution_direct, layout(g, g.src),
                            layout(g, g.weights), layout(g, g.dst), g.strides, g.dilates, g.padL, g.padR),
                    Dnnl.userScratchpad(), Dnnl.ENGINE, fwd.pd);
            data = new convolution_backward_data(dataPd);
            weights = new convolution_backward_weights(weightsPd);
            dataDiffDst = dataPd.diff_dst_desc();
            dataWeights = dataPd.weights_desc();
            dataDiffSrc = dataPd.diff_src_desc();
            weightsSrc = weightsPd.src_desc();
            weightsDiffDst = weightsPd.diff_dst_desc();
            weightsDiffWeights = weightsPd.diff_weights_desc();
        }
    }

    /** A reorder between two layouts, with its memory objects (their data pointers set per call). */
    private record Reorder(reorder prim, memory from, memory to) {
        void run(Pointer src, Pointer dst) {
            from.set_data_handle(src);
            to.set_data_handle(dst);
            prim.execute(Dnnl.stream(), from, to);
        }
    }

    /**
     * Whether 1×1 stride-1 convolutions run on the layer's NCHW arrays as they are (oneDNN then runs them as GEMMs,
     * with no reorder at all) instead of in blocked layouts with reorders: {@code -Dhirmtl.conv.pointwise=plain} (the
     * default) or {@code blocked}. Measured in docs/engine.md: the blocked kernels are faster, but not by what their
     * reorders cost, and the heads' 1×1 convolutions with 1–8 output channels pad them to 16 there.
     */
    private static final boolean PLAIN_POINTWISE = !"blocked".equals(System.getProperty("hirmtl.conv.pointwise"));

    private static memory.desc layout(Geometry g, long[] dims) {
        if (PLAIN_POINTWISE && g.weights[2] == 1 && g.weights[3] == 1 && g.strides[0] == 1 && g.strides[1] == 1
                && g.padL[0] == 0 && g.padL[1] == 0) {
            return Dnnl.plain(dims);
        }
        return anyDesc(dims);
    }

    private static memory.desc anyDesc(long[] dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    }

    private static Reorder reorder(Map<String, Reorder> cache, String role, memory.desc from, memory.desc to) {
        return cache.computeIfAbsent(role, k -> {
            memory a = new memory(from, Dnnl.ENGINE, (Pointer) null);
            memory b = new memory(to, Dnnl.ENGINE, (Pointer) null);
            return new Reorder(new reorder(a, b), a, b);
        });
    }

    /**
     * The data of {@code a} in {@code layout}: {@code a}'s own memory when it is already laid out so, otherwise a
     * reorder into the scratch buffer {@code role}.
     */
    private static Pointer input(Map<String, Reorder> cache, String key, INDArray a, memory.desc layout, Buffer role) {
        memory.desc own = Dnnl.strided(a);
        if (own.equals(layout)) {
            return Dnnl.at(a);
        }
        Pointer buffer = Dnnl.scratch(role, layout.get_size());
        reorder(cache, key + "/" + role + Arrays.toString(a.stride()), own, layout).run(Dnnl.at(a), buffer);
        return buffer;
    }

    /** Where a primitive writes a result that ends in the plain array {@code a}: {@code a} itself, or a buffer. */
    private static Pointer output(INDArray a, memory.desc layout, Buffer role) {
        return Dnnl.plain(a.shape()).equals(layout) ? Dnnl.at(a) : Dnnl.scratch(role, layout.get_size());
    }

    /** Copies a result from its buffer into the plain array {@code a} when it was not written there directly. */
    private static void finish(Map<String, Reorder> cache, String key, Pointer written, INDArray a,
                               memory.desc layout, Buffer role) {
        memory.desc plain = Dnnl.plain(a.shape());
        if (!plain.equals(layout)) {
            reorder(cache, key + "/" + role, layout, plain).run(written, Dnnl.at(a));
        }
    }

    private static void execute(primitive p, IntMemoryMap args) {
        p.execute(Dnnl.stream(), args);
    }

    private static memory mem(memory.desc d, Pointer data) {
        memory m = new memory(d, Dnnl.ENGINE, (Pointer) null);
        m.set_data_handle(data);
        return m;
    }

    /** Float, and laid out in row-major order without gaps (a parameter or gradient view is). */
    private static boolean plainContiguous(INDArray a) {
        if (a == null || a.dataType() != DataType.FLOAT) {
            return false;
        }
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    private MKLDNNConvHelper fallback() {
        if (fallback == null) {
            fallback = new MKLDNNConvHelper(DataType.FLOAT);
        }
        return fallback;
    }

    /** The forward primitive of {@code g} (cached), or null when oneDNN does not take the geometry. */
    private Forward forwardOrNull(Geometry g) {
        try {
            return forwards.computeIfAbsent(g.key(), k -> new Forward(g));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The backward primitives of {@code g} (cached), or null when oneDNN does not take the geometry. */
    private Backward backwardOrNull(Geometry g) {
        Forward f = forwardOrNull(g);
        if (f == null) {
            return null;
        }
        try {
            return backwards.computeIfAbsent(g.key(), k -> new Backward(g, f));
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode,
                              org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo fwdAlgo,
                              ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        MemoryGuard.check();
        boolean supported = format == CNN2DFormat.NCHW && Dnnl.describable(input) && weights.rank() == 4
                && plainContiguous(weights) && (bias == null || plainContiguous(bias));
        Geometry g = supported
                ? geometry(input, weights, bias != null, kernel, strides, pad, convolutionMode, dilation) : null;
        Forward f = g == null ? null : forwardOrNull(g);
        if (f == null) { // not NCHW float, or a geometry oneDNN does not take (e.g. a negative padding)
            return fallback().preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                    dilation, format, workspaceMgr);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, g.dst, 'c');
        memory.desc srcLayout = f.src;
        memory.desc wLayout = f.weights;
        memory.desc dstLayout = f.dst;
        Pointer src = input(f.reorders, "src", input, srcLayout, Buffer.SRC);
        Pointer w = input(f.reorders, "w", weights, wLayout, Buffer.WEIGHTS);
        Pointer dst = output(out, dstLayout, Buffer.DST);
        IntMemoryMap args = new IntMemoryMap()
                .put(DNNL_ARG_SRC, mem(srcLayout, src))
                .put(DNNL_ARG_WEIGHTS, mem(wLayout, w))
                .put(DNNL_ARG_DST, mem(dstLayout, dst))
                .put(DNNL_ARG_SCRATCHPAD, Dnnl.scratchpad(f.pd.scratchpad_desc()));
        if (bias != null) {
            args.put(DNNL_ARG_BIAS, mem(f.bias, Dnnl.at(bias)));
        }
        execute(f.conv, args);
        finish(f.reorders, "dst", dst, out, dstLayout, Buffer.DST);
        Dnnl.stream()._wait();
        Dnnl.endCall();
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn,
                                                     org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode,
                                                     org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo
                                                             bwdFilterAlgo,
                                                     org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo
                                                             bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        MemoryGuard.check();
        boolean hasBias = bias != null && biasGradView != null;
        boolean supported = format == CNN2DFormat.NCHW && Dnnl.describable(input) && Dnnl.describable(delta)
                && weights.rank() == 4 && plainContiguous(weights) && plainContiguous(weightGradView)
                && (biasGradView == null || plainContiguous(biasGradView));
        Geometry g = supported
                ? geometry(input, weights, hasBias, kernel, strides, pad, convolutionMode, dilation) : null;
        Backward b = g == null ? null : backwardOrNull(g);
        if (b == null) {
            return fallback().backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        INDArray gradAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, g.src, 'c');

        // backward data: diff_src = conv^T(diff_dst, weights)
        memory.desc dDstLayout = b.dataDiffDst;
        memory.desc wLayout = b.dataWeights;
        memory.desc dSrcLayout = b.dataDiffSrc;
        Pointer dDst = input(b.reorders, "ddst", delta, dDstLayout, Buffer.DIFF_DST);
        Pointer w = input(b.reorders, "w", weights, wLayout, Buffer.WEIGHTS);
        Pointer dSrc = output(gradAtInput, dSrcLayout, Buffer.DIFF_SRC);
        execute(b.data, new IntMemoryMap()
                .put(DNNL_ARG_DIFF_DST, mem(dDstLayout, dDst))
                .put(DNNL_ARG_WEIGHTS, mem(wLayout, w))
                .put(DNNL_ARG_DIFF_SRC, mem(dSrcLayout, dSrc))
                .put(DNNL_ARG_SCRATCHPAD, Dnnl.scratchpad(b.dataPd.scratchpad_desc())));
        finish(b.reorders, "dsrc", dSrc, gradAtInput, dSrcLayout, Buffer.DIFF_SRC);

        // backward weights: diff_weights, diff_bias from src and diff_dst
        memory.desc srcLayout = b.weightsSrc;
        memory.desc dDstLayout2 = b.weightsDiffDst;
        memory.desc dWLayout = b.weightsDiffWeights;
        Pointer src = input(b.reorders, "src", input, srcLayout, Buffer.SRC);
        Pointer dDst2 = dDstLayout2.equals(dDstLayout) ? dDst
                : input(b.reorders, "ddst2", delta, dDstLayout2, Buffer.DIFF_DST_2);
        INDArray dW = weightGradView.reshape(g.weights);
        Pointer dWeights = output(dW, dWLayout, Buffer.DIFF_WEIGHTS);
        IntMemoryMap args = new IntMemoryMap()
                .put(DNNL_ARG_SRC, mem(srcLayout, src))
                .put(DNNL_ARG_DIFF_DST, mem(dDstLayout2, dDst2))
                .put(DNNL_ARG_DIFF_WEIGHTS, mem(dWLayout, dWeights))
                .put(DNNL_ARG_SCRATCHPAD, Dnnl.scratchpad(b.weightsPd.scratchpad_desc()));
        if (hasBias) {
            args.put(DNNL_ARG_DIFF_BIAS, mem(b.weightsPd.diff_bias_desc(), Dnnl.at(biasGradView)));
        }
        execute(b.weights, args);
        finish(b.reorders, "dw", dWeights, dW, dWLayout, Buffer.DIFF_WEIGHTS);
        Dnnl.stream()._wait();
        Dnnl.endCall();

        Gradient grad = new DefaultGradient();
        if (hasBias) {
            grad.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        grad.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(grad, gradAtInput);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return afn.getActivation(z, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("scratch_buffers_of_this_thread", Dnnl.bufferBytes());
    }

    @Override
    public boolean checkSupported() {
        return true;
    }
}
