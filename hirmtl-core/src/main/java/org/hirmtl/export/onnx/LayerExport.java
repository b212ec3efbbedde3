package org.hirmtl.export.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.hirmtl.engine.layers.InPlaceRelu;
import org.hirmtl.engine.layers.LeanLoss;
import org.hirmtl.engine.layers.LinearConvolution;
import org.hirmtl.engine.layers.SigmoidConvolution;
import org.hirmtl.model.vertices.BilinearUpsampleVertex;
import org.hirmtl.model.vertices.UpsampledLoss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The built-in DL4J layers of HirMTL graphs as ONNX nodes (inference): 2-D convolution, depthwise convolution,
 * batch normalization (see {@link BatchNormExport}), activation, max/average pooling, nearest upsampling, the CNN
 * loss layer (its activation only), and {@link UpsampledLoss} (bilinear {@code Resize}, then its activation). Layers are matched by exact class: a subclass may compute something else. The
 * toolkit's own lean variants ({@link LinearConvolution}, {@link SigmoidConvolution}, {@link InPlaceRelu},
 * {@link LeanLoss}) compute the same as the layers they
 * extend and are exported as those.
 */
final class LayerExport {
    private LayerExport() {
    }

    /** Whether {@link #convert} knows {@code layer}'s class. */
    static boolean knows(Layer layer) {
        Class<?> c = layer.getClass();
        return c == ConvolutionLayer.class || c == Convolution2D.class || c == LinearConvolution.class
                || c == SigmoidConvolution.class
                || c == InPlaceRelu.class || c == DepthwiseConvolution2D.class
                || c == org.deeplearning4j.nn.conf.layers.BatchNormalization.class || c == ActivationLayer.class
                || c == SubsamplingLayer.class || c == Upsampling2D.class || c == CnnLossLayer.class
                || c == LeanLoss.class || c == UpsampledLoss.class || c == GlobalPoolingLayer.class;
    }

    /**
     * Writes {@code layer(in)} to {@code out}; the graph is scoped to the vertex and holds its parameters.
     *
     * @param inShape {@code [-1, C, H, W]} of the input
     */
    static void convert(OnnxGraphWriter g, Layer layer, String in, long[] inShape, String out, Site site) {
        Class<?> c = layer.getClass();
        if (c == DepthwiseConvolution2D.class) {
            depthwise(g, (DepthwiseConvolution2D) layer, in, inShape, out, site);
        } else if (c == ConvolutionLayer.class || c == Convolution2D.class || c == LinearConvolution.class
                || c == SigmoidConvolution.class) {
            conv(g, (ConvolutionLayer) layer, in, inShape, out, site);
        } else if (c == org.deeplearning4j.nn.conf.layers.BatchNormalization.class) {
            BatchNormExport.convert(g, (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer, in, out, site);
        } else if (c == ActivationLayer.class || c == InPlaceRelu.class) {
            Activations.apply(g, ((ActivationLayer) layer).getActivationFn(), in, out, site, false);
        } else if (c == SubsamplingLayer.class) {
            pool(g, (SubsamplingLayer) layer, in, inShape, out, site);
        } else if (c == Upsampling2D.class) {
            upsample(g, (Upsampling2D) layer, in, out, site);
        } else if (c == GlobalPoolingLayer.class) {
            globalPool(g, (GlobalPoolingLayer) layer, in, out, site);
        } else if (c == CnnLossLayer.class || c == LeanLoss.class) {
            CnnLossLayer loss = (CnnLossLayer) layer;
            requireNchw(loss.getFormat(), site);
            Activations.apply(g, loss.getActivationFn(), in, out, site, true);
        } else if (c == UpsampledLoss.class) {
            UpsampledLoss loss = (UpsampledLoss) layer;
            requireNchw(loss.getFormat(), site);
            BilinearUpsampleVertex resize = new BilinearUpsampleVertex(loss.getFactor());
            if (Activations.isIdentity(loss.getActivationFn())) {
                resize.toOnnx(g, List.of(in), out);
            } else {
                String up = g.fresh("up");
                resize.toOnnx(g, List.of(in), up);
                Activations.apply(g, loss.getActivationFn(), up, out, site, true);
            }
        } else {
            throw new IllegalArgumentException("not a built-in layer: " + c.getName());
        }
    }

    /**
     * Global average or max pooling over H and W that keeps the dimensions ({@code collapseDimensions = false}, output
     * {@code [N, C, 1, 1]}): ONNX {@code GlobalAveragePool} / {@code GlobalMaxPool}. Collapsed output ({@code [N, C]})
     * and other pooling types are not exported.
     */
    private static void globalPool(OnnxGraphWriter g, GlobalPoolingLayer pool, String in, String out, Site site) {
        if (pool.isCollapseDimensions()) {
            throw site.unsupported("global pooling with collapseDimensions=true (use false: [N,C,1,1] output)");
        }
        String op = switch (pool.getPoolingType()) {
            case AVG -> "GlobalAveragePool";
            case MAX -> "GlobalMaxPool";
            default -> throw site.unsupported(pool.getPoolingType() + " global pooling");
        };
        g.node(op, List.of(in), List.of(out), Map.of());
    }

    private static void conv(OnnxGraphWriter g, ConvolutionLayer conv, String in, long[] inShape, String out, Site site) {
        requireNchw(conv.getCnn2dDataFormat(), site);
        List<String> inputs = new ArrayList<>(List.of(in, g.constant("W", param(g, "W", site))));
        if (conv.hasBias()) {
            inputs.add(g.constant("b", flat(param(g, "b", site))));
        }
        convNode(g, conv, inputs, inShape, 1, out, site);
    }

    /**
     * DL4J stores depthwise weights as {@code [kH, kW, C, m]} and orders output channels {@code c·m + j}; ONNX wants
     * {@code [C·m, 1, kH, kW]} with {@code group = C}, which orders them the same way.
     */
    private static void depthwise(OnnxGraphWriter g, DepthwiseConvolution2D conv, String in, long[] inShape, String out,
                                  Site site) {
        requireNchw(conv.getCnn2dDataFormat(), site);
        INDArray w = param(g, "W", site);
        long channels = w.size(2);
        long[] onnxShape = {channels * w.size(3), 1, w.size(0), w.size(1)};
        INDArray reordered = w.permute(2, 3, 0, 1).dup('c').reshape('c', onnxShape);
        List<String> inputs = new ArrayList<>(List.of(in, g.constant("W", reordered)));
        if (conv.hasBias()) {
            inputs.add(g.constant("b", flat(param(g, "b", site))));
        }
        convNode(g, conv, inputs, inShape, channels, out, site);
    }

    private static void convNode(OnnxGraphWriter g, ConvolutionLayer conv, List<String> inputs, long[] inShape, long group,
                                 String out, Site site) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", conv.getKernelSize());
        attrs.put("strides", conv.getStride());
        attrs.put("dilations", conv.getDilation());
        attrs.put("pads", Padding.pads(inShape[2], inShape[3], conv.getKernelSize(), conv.getStride(),
                conv.getDilation(), conv.getPadding(), conv.getConvolutionMode(), site));
        attrs.put("group", group);
        activated(g, "Conv", inputs, attrs, conv.getActivationFn(), out, site);
    }

    private static void pool(OnnxGraphWriter g, SubsamplingLayer pool, String in, long[] inShape, String out, Site site) {
        requireNchw(pool.getCnn2dDataFormat(), site);
        long[] pads = Padding.pads(inShape[2], inShape[3], pool.getKernelSize(), pool.getStride(),
                pool.getDilation(), pool.getPadding(), pool.getConvolutionMode(), site);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", pool.getKernelSize());
        attrs.put("strides", pool.getStride());
        attrs.put("pads", pads);
        boolean dilated = pool.getDilation()[0] != 1 || pool.getDilation()[1] != 1;
        if (pool.getPoolingType() == PoolingType.MAX) {
            attrs.put("dilations", pool.getDilation());
            g.node("MaxPool", List.of(in), List.of(out), attrs);
        } else if (pool.getPoolingType() == PoolingType.AVG && Padding.none(pads) && !dilated) {
            // Without padding DL4J's two divisor conventions agree with ONNX: every window is full.
            g.node("AveragePool", List.of(in), List.of(out), attrs);
        } else {
            throw site.unsupported(pool.getPoolingType() + " pooling" + (pool.getPoolingType() == PoolingType.AVG
                    ? " with padding or dilation" : "") + " has no ONNX mapping");
        }
    }

    /**
     * Nearest upsampling by integer factors: output pixel {@code i} copies input pixel {@code floor(i / s)}, which is
     * ONNX Resize with {@code asymmetric} coordinates and {@code floor} rounding.
     */
    private static void upsample(OnnxGraphWriter g, Upsampling2D up, String in, String out, Site site) {
        requireNchw(up.getFormat(), site);
        int[] s = up.getSize();
        int sh = s[0];
        int sw = s.length > 1 ? s[1] : s[0];
        String scales = g.constant("scales", new float[] {1f, 1f, sh, sw}, 4);
        g.node("Resize", List.of(in, g.resizeRoi(), scales), List.of(out), Map.of("mode", "nearest",
                "coordinate_transformation_mode", "asymmetric", "nearest_mode", "floor"));
    }

    /** {@code op} then the activation; the op writes {@code out} directly when the activation is the identity. */
    static void activated(OnnxGraphWriter g, String op, List<String> inputs, Map<String, Object> attrs, IActivation act,
                          String out, Site site) {
        if (Activations.isIdentity(act)) {
            g.node(op, inputs, List.of(out), attrs);
        } else {
            String pre = g.fresh(op);
            g.node(op, inputs, List.of(pre), attrs);
            Activations.apply(g, act, pre, out, site, false);
        }
    }

    static INDArray param(OnnxGraphWriter g, String key, Site site) {
        INDArray p = g.params().get(key);
        if (p == null) {
            throw site.unsupported("parameter '" + key + "' not found (has " + g.params().keySet() + ")");
        }
        return p;
    }

    static INDArray flat(INDArray a) {
        return a.reshape(a.length());
    }

    static void requireNchw(CNN2DFormat format, Site site) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw site.unsupported("data format " + format + " (only NCHW is exported)");
        }
    }
}
