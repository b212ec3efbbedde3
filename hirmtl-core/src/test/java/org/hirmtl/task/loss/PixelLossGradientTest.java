package org.hirmtl.task.loss;

import static org.hirmtl.task.loss.LossChecks.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.hirmtl.api.loss.MaskedL1;
import org.hirmtl.api.loss.PixelCrossEntropy;
import org.hirmtl.api.loss.PixelLoss;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Central-difference checks of every loss's {@code computeGradient} against its own {@code computeScore} on 2-D
 * double arrays (2 examples x 6 pixels, a mask with ignored pixels), and the effect of the task weight.
 */
class PixelLossGradientTest {
    private static final int PIXELS = 6;
    private static final double TOLERANCE = 1e-6;
    private final INDArray mask = column(1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1);

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(1234);
    }

    private static INDArray randn(long channels) {
        return Nd4j.randn(DataType.DOUBLE, 2L * PIXELS, channels);
    }

    /** Labels at least 0.1 away from the activation, so L1 is differentiable at every element. */
    private static INDArray awayFrom(INDArray activation) {
        INDArray offset = Nd4j.rand(DataType.DOUBLE, activation.shape()).addi(0.1);
        return activation.add(offset.muli(Transforms.sign(randn(activation.size(1)), false)));
    }

    private static void check(PixelLoss loss, INDArray labels, INDArray preOut, Activation act, INDArray mask) {
        double err = LossChecks.maxRelativeError(loss, labels, preOut, act.getActivationFunction(), mask);
        System.out.printf("gradient check %s (%s, mask=%s): max rel error %.2e%n", loss, act, mask != null, err);
        assertTrue(err < TOLERANCE, loss + ": max relative error " + err);
    }

    @Test
    void crossEntropy() {
        INDArray labels = LossChecks.oneHot(4, 0, 1, 2, 3, 3, 2, 1, 0, 0, 2, 1, 3);
        check(new PixelCrossEntropy(1.3, PIXELS), labels, randn(4), Activation.SOFTMAX, mask);
        check(new PixelCrossEntropy(1.3, PIXELS), labels, randn(4), Activation.SOFTMAX, null);
    }

    @Test
    void maskedL1() {
        INDArray preOut = randn(3);
        check(new MaskedL1(10, PIXELS), awayFrom(preOut), preOut, Activation.IDENTITY, mask);
        INDArray tanhIn = randn(1);
        INDArray depth = awayFrom(Transforms.tanh(tanhIn, true));
        check(new MaskedL1(1, PIXELS), depth, tanhIn, Activation.TANH, mask);
        check(new MaskedL1(1, PIXELS), depth, tanhIn, Activation.TANH, null);
    }

    @Test
    void balancedBinaryCrossEntropy() {
        INDArray edges = Nd4j.rand(DataType.DOUBLE, 2L * PIXELS, 1).gt(0.7).castTo(DataType.DOUBLE);
        check(new BalancedBinaryCrossEntropy(50, PIXELS, 0.95), edges, randn(1).muli(3), Activation.SIGMOID, mask);
        check(new BalancedBinaryCrossEntropy(5, PIXELS, BalancedBinaryCrossEntropy.AUTO), edges, randn(1),
                Activation.SIGMOID, mask);
        INDArray soft = Nd4j.rand(DataType.DOUBLE, 2L * PIXELS, 2);
        check(new BalancedBinaryCrossEntropy(1, PIXELS, BalancedBinaryCrossEntropy.AUTO), soft, randn(2),
                Activation.SIGMOID, null);
    }

    @Test
    void doublingTheWeightDoublesScoreAndGradientButNotTheMeanLoss() {
        INDArray preOut = randn(3);
        INDArray classes = LossChecks.oneHot(3, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);
        INDArray binary = Nd4j.rand(DataType.DOUBLE, 2L * PIXELS, 3).gt(0.5).castTo(DataType.DOUBLE);
        assertDoubles(new PixelCrossEntropy(1, PIXELS), classes, preOut, Activation.SOFTMAX);
        assertDoubles(new MaskedL1(1, PIXELS), awayFrom(preOut), preOut, Activation.IDENTITY);
        assertDoubles(new BalancedBinaryCrossEntropy(1, PIXELS, -1), binary, preOut, Activation.SIGMOID);
    }

    private void assertDoubles(PixelLoss loss, INDArray labels, INDArray preOut, Activation activation) {
        IActivation act = activation.getActivationFunction();
        double score = loss.computeScore(labels, preOut, act, mask, false);
        INDArray grad = loss.computeGradient(labels, preOut, act, mask);
        double mean = loss.meanLoss(labels, preOut, act, mask);
        loss.setWeight(2);
        assertEquals(2 * score, loss.computeScore(labels, preOut, act, mask, false), 1e-12);
        assertEquals(grad.mul(2), loss.computeGradient(labels, preOut, act, mask));
        assertEquals(mean, loss.meanLoss(labels, preOut, act, mask), 1e-15);
        assertEquals(2 * mean, loss.computeScore(labels, preOut, act, mask, true), 1e-12);
    }
}
