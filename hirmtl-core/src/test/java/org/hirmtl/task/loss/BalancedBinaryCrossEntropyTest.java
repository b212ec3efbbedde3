package org.hirmtl.task.loss;

import static org.hirmtl.task.loss.LossChecks.assertAllZeroAndFinite;
import static org.hirmtl.task.loss.LossChecks.assertClose;
import static org.hirmtl.task.loss.LossChecks.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hirmtl.api.loss.BalancedBinaryCrossEntropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hand-computed values, the automatic weight and numerical stability of {@link BalancedBinaryCrossEntropy}. */
class BalancedBinaryCrossEntropyTest {
    private static final IActivation SIGMOID = Activation.SIGMOID.getActivationFunction();

    private final INDArray logits = column(0, 2, -1, 5);
    private final INDArray labels = column(1, 0, 1, 1);
    private final INDArray mask = column(1, 1, 1, 0);

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void fixedPositiveWeight() {
        BalancedBinaryCrossEntropy loss = new BalancedBinaryCrossEntropy(1, 2, 0.95);
        // -w log σ(0), -(1-w) log(1-σ(2)), -w log σ(-1); pixel 3 masked
        double mean = (0.95 * Math.log(2) + 0.05 * softplus(2) + 0.95 * softplus(1)) / 3;
        assertEquals(mean, loss.meanLoss(labels, logits, SIGMOID, mask), 1e-12);
        assertEquals(2 * mean, loss.computeScore(labels, logits, SIGMOID, mask, false), 1e-12);
        double s = 2.0 / 3;
        assertClose(new double[][] {{0.95 * (0.5 - 1) * s}, {0.05 * sigmoid(2) * s}, {0.95 * (sigmoid(-1) - 1) * s},
            {0}}, loss.computeGradient(labels, logits, SIGMOID, mask), 1e-12);
    }

    @Test
    void automaticWeightBalancesValidPixels() {
        BalancedBinaryCrossEntropy loss = new BalancedBinaryCrossEntropy(1, 2, BalancedBinaryCrossEntropy.AUTO);
        // valid labels 1, 0, 1: w = n_neg / n = 1/3 (the masked positive does not count)
        double w = 1.0 / 3;
        assertEquals(w, loss.positiveWeightFor(labels, mask), 1e-12);
        assertEquals(0.25, loss.positiveWeightFor(labels, null), 1e-12);
        double mean = (w * Math.log(2) + (1 - w) * softplus(2) + w * softplus(1)) / 3;
        assertEquals(mean, loss.meanLoss(labels, logits, SIGMOID, mask), 1e-12);
        assertTrue(loss.isAutoPositiveWeight());
        assertEquals(BalancedBinaryCrossEntropy.AUTO, new BalancedBinaryCrossEntropy(1, 2, -7).getPositiveWeight());
    }

    @Test
    void halfWeightIsHalfTheStandardBinaryCrossEntropy() {
        BalancedBinaryCrossEntropy loss = new BalancedBinaryCrossEntropy(1, 1, 0.5);
        INDArray x = column(0.3, -1.2);
        INDArray y = column(1, 0);
        double bce = (softplus(-0.3) + softplus(-1.2)) / 2;
        assertEquals(0.5 * bce, loss.meanLoss(y, x, SIGMOID, null), 1e-12);
    }

    @Test
    void stableForLargeLogitsInFloat() {
        INDArray x = column(800, -800, 60, -60).castTo(DataType.FLOAT);
        INDArray y = column(0, 1, 1, 0).castTo(DataType.FLOAT);
        BalancedBinaryCrossEntropy loss = new BalancedBinaryCrossEntropy(1, 4, 0.95);
        double mean = loss.meanLoss(y, x, SIGMOID, null);
        assertEquals((0.05 * 800 + 0.95 * 800) / 4, mean, 1e-3);
        INDArray grad = loss.computeGradient(y, x, SIGMOID, null);
        assertEquals(0.05 / 4, grad.getDouble(0), 1e-6); // N / n_valid = 1/4
        assertEquals(-0.95 / 4, grad.getDouble(1), 1e-6);
        for (long i = 0; i < grad.length(); i++) {
            assertTrue(Double.isFinite(grad.getDouble(i)));
        }
    }

    @Test
    void allMaskedGivesZeroScoreAndGradient() {
        BalancedBinaryCrossEntropy loss = new BalancedBinaryCrossEntropy(1, 2, BalancedBinaryCrossEntropy.AUTO);
        INDArray none = column(0, 0, 0, 0);
        assertEquals(0.5, loss.positiveWeightFor(labels, none), 0.0);
        assertEquals(0.0, loss.computeScore(labels, logits, SIGMOID, none, false), 0.0);
        assertAllZeroAndFinite(loss.computeGradient(labels, logits, SIGMOID, none));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new BalancedBinaryCrossEntropy(1, 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new BalancedBinaryCrossEntropy(1, 2, Double.NaN));
        BalancedBinaryCrossEntropy loss = new BalancedBinaryCrossEntropy(1, 2, 0.95);
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(labels, logits, identity, mask, false));
    }
}
