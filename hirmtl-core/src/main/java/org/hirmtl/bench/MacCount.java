package org.hirmtl.bench;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.hirmtl.model.vertices.BilinearUpsampleVertex;
import org.hirmtl.model.vertices.UpsampledLoss;

/**
 * Multiply-adds of one forward pass per image: every convolution ({@code H_out·W_out·C_out·C_in/groups·k_h·k_w};
 * depthwise {@code H_out·W_out·C·multiplier·k_h·k_w}) and the two GEMMs of each {@link BilinearUpsampleVertex} or
 * {@link UpsampledLoss} ({@code C·w·h·fh + C·fh·w·fw}). Element-wise work (batch norm, activations, the fusion and exchange vertices, losses)
 * is not counted: it is memory-bound, and the convolutions are most of the arithmetic. The usual convention turns
 * this into FLOPs: 2 per multiply-add, and a training step costs about 3 forward passes (forward, gradients for the
 * inputs, gradients for the weights).
 */
public final class MacCount {
    private MacCount() {
    }

    /** Multiply-adds per image of a forward pass of {@code conf} on an NCHW input of {@code h × w × 3}. */
    public static long forwardPerImage(ComputationGraphConfiguration conf, int h, int w) {
        Map<String, InputType> types = conf.getLayerActivationTypes(InputType.convolutional(h, w, 3));
        long total = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            List<String> inputs = conf.getVertexInputs().get(e.getKey());
            if (inputs == null || inputs.isEmpty()) {
                continue;
            }
            InputType in = types.get(inputs.get(0));
            InputType out = types.get(e.getKey());
            if (!(in instanceof InputType.InputTypeConvolutional ci)
                    || !(out instanceof InputType.InputTypeConvolutional co)) {
                continue;
            }
            total += macs(e.getValue(), ci, co);
        }
        return total;
    }

    /** The two GEMMs of bilinear upsampling by {@code f}: {@code C·w·h·fh + C·fh·w·fw}. */
    private static long upsampling(long f, InputType.InputTypeConvolutional in) {
        long c = in.getChannels();
        long h = in.getHeight();
        long w = in.getWidth();
        return c * w * h * (h * f) + c * (h * f) * w * (w * f);
    }

    private static long macs(GraphVertex vertex, InputType.InputTypeConvolutional in,
            InputType.InputTypeConvolutional out) {
        long outPixels = out.getHeight() * out.getWidth();
        if (vertex instanceof BilinearUpsampleVertex up) {
            return upsampling(up.getFactor(), in);
        }
        if (!(vertex instanceof LayerVertex lv)) {
            return 0;
        }
        Layer layer = lv.getLayerConf().getLayer();
        if (layer instanceof UpsampledLoss up) {
            return upsampling(up.getFactor(), in);
        }
        while (layer instanceof BaseWrapperLayer wrapper) {
            layer = wrapper.getUnderlying();
        }
        if (layer instanceof DepthwiseConvolution2D d) {
            int[] k = d.getKernelSize();
            return outPixels * in.getChannels() * d.getDepthMultiplier() * k[0] * k[1];
        }
        if (layer instanceof ConvolutionLayer conv) {
            int[] k = conv.getKernelSize();
            return outPixels * out.getChannels() * in.getChannels() * k[0] * k[1];
        }
        return 0;
    }
}
