package org.hirmtl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.hirmtl.model.vertices.BilinearUpsampleVertex;
import org.junit.jupiter.api.Test;

/** {@link MacCount} on a graph whose multiply-adds are counted by hand. */
class MacCountTest {
    @Test
    void countsConvolutionsDepthwiseAndUpsampling() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(8, 10, 3))
                // 3 -> 4 channels, 3x3, stride 2: output 4x5
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(4).build(), "conv")
                // depthwise 3x3, multiplier 2: 4 -> 8 channels at 4x5
                .addLayer("dw", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).nOut(8).build(), "bn")
                // x2: 8 channels, 4x5 -> 8x10
                .addVertex("up", new BilinearUpsampleVertex(2), "dw")
                .setOutputs("up")
                .build();
        long conv = 4L * 5 * 4 * 3 * 9;
        long depthwise = 4L * 5 * 4 * 2 * 9;
        long upsample = 8L * 5 * 4 * 8 + 8L * 8 * 5 * 10;
        assertEquals(conv + depthwise + upsample, MacCount.forwardPerImage(conf, 8, 10));
    }
}
