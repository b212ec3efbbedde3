package org.hirmtl.export.onnx;

import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.hirmtl.api.graph.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/** Each built-in layer and vertex mapping, with settings our graphs do not use, against ONNX Runtime. */
class BuiltinMappingsOnnxTest {
    /** Odd sizes, so that Same padding is asymmetric and Truncate drops rows. */
    private static final int H = 15;
    private static final int W = 17;

    static Stream<IActivation> activations() {
        return Stream.of(Activation.IDENTITY, Activation.RELU, Activation.RELU6, Activation.LEAKYRELU,
                Activation.SIGMOID, Activation.TANH, Activation.ELU, Activation.SOFTPLUS, Activation.SWISH)
                .map(Activation::getActivationFunction);
    }

    @ParameterizedTest
    @MethodSource("activations")
    void activationsInLayersAndAlone(IActivation act) {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> {
            Handle conv = g.layer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(act)
                    .convolutionMode(ConvolutionMode.Same).build(), 4, 1, image);
            return List.of(g.layer("act", new ActivationLayer.Builder().activation(act).build(), 4, 1, conv));
        }));
    }

    @Test
    void reluWithSlopeAndMaximum() {
        IActivation act = new ActivationReLU(0.5, null, 0.1);
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> List.of(
                g.layer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(act).build(), 4, 1, image))));
    }

    @ParameterizedTest
    @EnumSource(value = ConvolutionMode.class, names = {"Same", "Truncate"})
    void convolutionsWithStrideDilationPaddingAndBias(ConvolutionMode mode) {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> List.of(
                layer(g, "strided", image, new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4)
                        .padding(mode == ConvolutionMode.Same ? new int[] {0, 0} : new int[] {1, 2})
                        .convolutionMode(mode).hasBias(true).activation(Activation.IDENTITY).build()),
                layer(g, "dilated", image, new ConvolutionLayer.Builder(3, 2).dilation(2, 3).nOut(3)
                        .convolutionMode(mode).hasBias(false).activation(Activation.TANH).build()),
                layer(g, "even", image, new ConvolutionLayer.Builder(4, 4).stride(3, 2).nOut(2)
                        .convolutionMode(mode).activation(Activation.SIGMOID).build()))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void depthwiseConvolutions(int multiplier) {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> List.of(
                layer(g, "dw", image, new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(multiplier)
                        .stride(2, 1).convolutionMode(ConvolutionMode.Same).hasBias(true).nIn(3).nOut(3 * multiplier)
                        .activation(Activation.IDENTITY).build()),
                layer(g, "frozen", image, new FrozenLayer(new DepthwiseConvolution2D.Builder(2, 3)
                        .depthMultiplier(multiplier).convolutionMode(ConvolutionMode.Truncate).padding(1, 1)
                        .hasBias(false).nIn(3).nOut(3 * multiplier).activation(Activation.RELU).build())))));
    }

    @Test
    void batchNormVariants() {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> {
            Handle c = g.conv("conv", image, 4, 3, Activation.IDENTITY);
            return List.of(
                    layer(g, "var", c, new BatchNormalization.Builder().useLogStd(false).eps(1e-3).nOut(4).build()),
                    layer(g, "locked", c, new BatchNormalization.Builder().lockGammaBeta(true).gamma(2.0).beta(0.5)
                            .nOut(4).build()),
                    layer(g, "locked_identity", c, new BatchNormalization.Builder().lockGammaBeta(true).gamma(3.0)
                            .beta(0.0).nOut(4).build()),
                    layer(g, "with_ignored_relu", c, new BatchNormalization.Builder().nOut(4)
                            .activation(Activation.RELU).build()));
        }));
    }

    @Test
    void pooling() {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> List.of(
                layer(g, "max_same", image, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(3, 2).stride(2, 2).convolutionMode(ConvolutionMode.Same).build()),
                layer(g, "max_padded", image, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(3, 3).stride(2, 3).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                        .build()),
                layer(g, "avg", image, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                        .kernelSize(2, 3).stride(2, 2).convolutionMode(ConvolutionMode.Truncate).build()))));
    }

    @Test
    void nearestUpsamplingByIntegerFactors() {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> List.of(
                layer(g, "x2", image, new Upsampling2D.Builder(2).build()),
                layer(g, "x3", image, new Upsampling2D.Builder(3).build()),
                layer(g, "x3x5", image, new Upsampling2D.Builder().size(new int[] {3, 5}).build()),
                layer(g, "x8", image, new Upsampling2D.Builder(8).build()))));
    }

    @Test
    void elementWiseMergeShiftAndScaleVertices() {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.graph(H, W, (g, image) -> {
            Handle a = g.conv("a", image, 3, 3, Activation.TANH);
            Handle b = g.conv("b", image, 3, 3, Activation.SIGMOID);
            Handle c = g.conv("c", image, 3, 1, Activation.IDENTITY);
            return List.of(
                    g.vertex("add2", new ElementWiseVertex(ElementWiseVertex.Op.Add), 3, 1, a, b),
                    g.vertex("add3", new ElementWiseVertex(ElementWiseVertex.Op.Add), 3, 1, a, b, c),
                    g.vertex("sub", new ElementWiseVertex(ElementWiseVertex.Op.Subtract), 3, 1, a, c),
                    g.vertex("prod", new ElementWiseVertex(ElementWiseVertex.Op.Product), 3, 1, a, b, c),
                    g.vertex("avg", new ElementWiseVertex(ElementWiseVertex.Op.Average), 3, 1, a, b, c),
                    g.vertex("max", new ElementWiseVertex(ElementWiseVertex.Op.Max), 3, 1, a, b, c),
                    g.vertex("one", new ElementWiseVertex(ElementWiseVertex.Op.Product), 3, 1, c),
                    g.vertex("merge", new MergeVertex(), 9, 1, a, b, c),
                    g.vertex("shift", new ShiftVertex(-1.25), 3, 1, a),
                    g.vertex("scale", new ScaleVertex(0.3), 3, 1, b));
        }));
    }

    private static Handle layer(org.hirmtl.api.graph.ModelGraph g, String name, Handle in, Layer layer) {
        return g.layer(name, layer, 1, 1, in);
    }
}
