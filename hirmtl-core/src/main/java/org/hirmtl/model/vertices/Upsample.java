package org.hirmtl.model.vertices;

import java.util.ArrayList;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Graph fragments for upsampling with built-in layers, so that the work runs as oneDNN convolutions.
 *
 * <p>Bilinear upsampling by {@code s} = nearest {@code Upsampling2D(s)} followed by a frozen depthwise convolution
 * with {@link BilinearKernelInit}'s kernel ({@code ConvolutionMode.Same}, no bias). This equals PyTorch's
 * {@code interpolate(scale_factor=s, mode="bilinear", align_corners=False)} exactly except in the outer
 * {@code floor(s/2)} output rows and columns on each side, where the zero padding of the convolution darkens the
 * result (PyTorch clamps at the border instead).
 */
public final class Upsample {
    private Upsample() {
    }

    /**
     * Adds bilinear upsampling of {@code input} by {@code factor}: a layer {@code name + "/nearest"}
     * ({@code Upsampling2D}) and a layer {@code name}, the frozen bilinear filter.
     *
     * <p>The filter never changes in training: it is wrapped in {@link FrozenLayerWithBackprop} (gradients flow
     * through to {@code input}, its own gradient is zeroed), has the {@code NoOp} updater, and its regularization
     * lists are cleared after the layer is added (DL4J copies the global L1/L2/weight decay into a layer whose list is
     * empty, so {@code .l2(0)} on the layer alone would not prevent weight decay).
     *
     * @param graph    the graph being built
     * @param name     the name of the output layer; the nearest-upsampling layer is {@code name + "/nearest"}
     * @param input    the node to upsample (NCHW, {@code channels} channels)
     * @param channels the number of channels of {@code input}
     * @param factor   the upsampling factor, at least 2
     * @return the name of the node holding the upsampled activations ({@code name})
     */
    public static String bilinear(ComputationGraphConfiguration.GraphBuilder graph, String name, String input,
            int channels, int factor) {
        if (channels < 1) {
            throw new IllegalArgumentException(name + ": channels must be positive, got " + channels);
        }
        if (factor < 2) {
            throw new IllegalArgumentException(name + ": bilinear upsampling factor must be at least 2, got " + factor);
        }
        String nearest = name + "/nearest";
        graph.addLayer(nearest, new Upsampling2D.Builder(factor).build(), input);
        int k = BilinearKernelInit.kernelSize(factor);
        DepthwiseConvolution2D.Builder builder = new DepthwiseConvolution2D.Builder(k, k)
                .depthMultiplier(1)
                .convolutionMode(ConvolutionMode.Same)
                .hasBias(false);
        builder.nIn(channels)
                .nOut(channels)
                .activation(Activation.IDENTITY)
                .weightInit(new BilinearKernelInit(factor))
                .updater(new NoOp())
                .l1(0)
                .l2(0)
                .weightDecay(0);
        DepthwiseConvolution2D filter = builder.build();
        graph.addLayer(name, new FrozenLayerWithBackprop(filter), nearest);
        // Adding the layer copied the global regularization into the (empty) lists: remove it again.
        filter.setRegularization(new ArrayList<>());
        filter.setRegularizationBias(new ArrayList<>());
        return name;
    }
}
