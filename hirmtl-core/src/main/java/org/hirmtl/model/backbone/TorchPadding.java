package org.hirmtl.model.backbone;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Convolutions and pooling padded as PyTorch pads them — {@code k / 2} on every side ({@code Truncate} mode) — rather
 * than DL4J's {@code Same}, which puts the odd padding row of a stride-2 layer at the bottom and right instead of
 * sharing it out: with torchvision's padding, weights trained in torchvision give the same features here. Output
 * sizes are the same as {@code Same} for the inputs the toolkit feeds (multiples of the stride).
 */
final class TorchPadding {
    private TorchPadding() {
    }

    /** {@code k×k} convolution without bias → batch norm → activation, as {@code name/conv}, {@code name/bn}. */
    static Handle convBn(ModelGraph g, String name, Handle in, int out, int k, int stride, Activation act) {
        Handle c = g.layer(name + "/conv", new ConvolutionLayer.Builder(k, k).stride(stride, stride)
                .padding(k / 2, k / 2).nOut(out).convolutionMode(ConvolutionMode.Truncate).hasBias(false)
                .activation(Activation.IDENTITY).build(), out, stride, in);
        return g.batchNorm(name, c, act);
    }

    /** Max pooling {@code k×k}, stride {@code s}, padding {@code k / 2} (padded cells never win the maximum). */
    static Handle maxPool(ModelGraph g, String name, Handle in, int k, int s) {
        return g.layer(name, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(k, k)
                .stride(s, s).padding(k / 2, k / 2).convolutionMode(ConvolutionMode.Truncate).build(),
                in.channels(), s, in);
    }
}
