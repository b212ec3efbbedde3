package org.hirmtl.task.loss;

import static org.hirmtl.task.loss.LossChecks.assertAllZeroAndFinite;
import static org.hirmtl.task.loss.LossChecks.assertClose;
import static org.hirmtl.task.loss.LossChecks.column;
import static org.hirmtl.task.loss.LossChecks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hirmtl.api.loss.MaskedL1;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hand-computed values for {@link MaskedL1}. */
class MaskedL1Test {
    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    // 2 examples x 2 pixels, C = 2. Per pixel: (1+0)/2 = 0.5, (1+1)/2 = 1, masked (3), exactly equal (0).
    private final INDArray preOut = rows(new double[][] {{1, 2}, {0, 0}, {3, 3}, {-1, 1}});
    private final INDArray labels = rows(new double[][] {{0, 2}, {1, -1}, {0, 0}, {-1, 1}});
    private final INDArray mask = column(1, 1, 0, 1);

    @Test
    void scoreIsElementMeanOverValidPixels() {
        MaskedL1 loss = new MaskedL1(2, 2);
        assertEquals(2 * 2 * 0.5, loss.computeScore(labels, preOut, IDENTITY, mask, false), 1e-12);
        assertEquals(2 * 0.5, loss.computeScore(labels, preOut, IDENTITY, mask, true), 1e-12);
        assertEquals(0.5, loss.meanLoss(labels, preOut, IDENTITY, mask), 1e-12);
        assertClose(new double[][] {{2.0 / 3}, {4.0 / 3}, {0}, {0}},
                loss.computeScoreArray(labels, preOut, IDENTITY, mask), 1e-12);
    }

    @Test
    void gradientIsScaledSignOverChannelsWithZeroSubgradient() {
        INDArray grad = new MaskedL1(2, 2).computeGradient(labels, preOut, IDENTITY, mask);
        double s = 2.0 * 2 / 3 / 2; // weight * N / n_valid / C
        assertClose(new double[][] {{s, 0}, {-s, s}, {0, 0}, {0, 0}}, grad, 1e-12);
    }

    @Test
    void nullMaskCountsEveryPixel() {
        assertEquals((0.5 + 1 + 3 + 0) / 4, new MaskedL1(1, 2).meanLoss(labels, preOut, IDENTITY, null), 1e-12);
    }

    @Test
    void depthWithOneChannel() {
        INDArray pred = column(2.0, 1.5, 7.0);
        INDArray depth = column(1.0, 2.0, 0.0);
        MaskedL1 loss = new MaskedL1(1, 3);
        assertEquals(0.75, loss.computeScore(depth, pred, IDENTITY, column(1, 1, 0), false), 1e-12);
    }

    @Test
    void allMaskedGivesZeroScoreAndGradient() {
        MaskedL1 loss = new MaskedL1(1, 2);
        INDArray none = column(0, 0, 0, 0);
        assertEquals(0.0, loss.computeScore(labels, preOut, IDENTITY, none, false), 0.0);
        assertAllZeroAndFinite(loss.computeGradient(labels, preOut, IDENTITY, none));
    }
}
