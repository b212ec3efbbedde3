package org.hirmtl.task.loss;

import static org.hirmtl.task.loss.LossChecks.assertAllZeroAndFinite;
import static org.hirmtl.task.loss.LossChecks.assertClose;
import static org.hirmtl.task.loss.LossChecks.column;
import static org.hirmtl.task.loss.LossChecks.oneHot;
import static org.hirmtl.task.loss.LossChecks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hirmtl.api.loss.PixelCrossEntropy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hand-computed values and argument checks for {@link PixelCrossEntropy}. */
class PixelCrossEntropyTest {
    private static final IActivation SOFTMAX = Activation.SOFTMAX.getActivationFunction();
    private static final double LN3 = Math.log(3);

    // 2 examples x 2 pixels, K = 2; row 2 is ignored. p = [.5,.5], [.75,.25], (masked), [.25,.75].
    private final INDArray preOut = rows(new double[][] {{0, 0}, {LN3, 0}, {5, -5}, {0, LN3}});
    private final INDArray labels = oneHot(2, 0, 1, 1, 1);
    private final INDArray mask = column(1, 1, 0, 1);
    private final double mean = (Math.log(2) + Math.log(4) + Math.log(4.0 / 3)) / 3;

    @Test
    void scoreIsWeightTimesExamplesTimesMeanOverValidPixels() {
        PixelCrossEntropy loss = new PixelCrossEntropy(1.5, 2);
        assertEquals(1.5 * 2 * mean, loss.computeScore(labels, preOut, SOFTMAX, mask, false), 1e-12);
        assertEquals(1.5 * mean, loss.computeScore(labels, preOut, SOFTMAX, mask, true), 1e-12);
        assertEquals(mean, loss.meanLoss(labels, preOut, SOFTMAX, mask), 1e-12);
        double s = 1.5 * 2 / 3;
        assertClose(new double[][] {{s * Math.log(2)}, {s * Math.log(4)}, {0}, {s * Math.log(4.0 / 3)}},
                loss.computeScoreArray(labels, preOut, SOFTMAX, mask), 1e-12);
    }

    @Test
    void gradientIsScaledPMinusYOnValidPixels() {
        INDArray grad = new PixelCrossEntropy(1.5, 2).computeGradient(labels, preOut, SOFTMAX, mask);
        double s = 1.5 * 2 / 3;
        assertClose(new double[][] {{-0.5 * s, 0.5 * s}, {0.75 * s, -0.75 * s}, {0, 0}, {0.25 * s, -0.25 * s}},
                grad, 1e-12);
    }

    @Test
    void nullMaskMeansAllPixelsValid() {
        PixelCrossEntropy loss = new PixelCrossEntropy(1, 2);
        double all = loss.meanLoss(labels, preOut, SOFTMAX, null);
        double ones = loss.meanLoss(labels, preOut, SOFTMAX, column(1, 1, 1, 1));
        assertEquals(ones, all, 1e-12);
        assertTrue(all > mean, "the confidently wrong pixel 2 now counts");
    }

    @Test
    void clipsTheLogButKeepsTheFullGradient() {
        INDArray wrong = rows(new double[][] {{0, 100}, {0, 100}});
        PixelCrossEntropy loss = new PixelCrossEntropy(1, 1);
        assertEquals(-Math.log(PixelCrossEntropy.CLIP), loss.meanLoss(oneHot(2, 0, 0), wrong, SOFTMAX, null), 1e-9);
        INDArray grad = loss.computeGradient(oneHot(2, 0, 0), wrong, SOFTMAX, null);
        assertEquals(-1.0, grad.getDouble(0, 0), 1e-12);
    }

    @Test
    void allMaskedGivesZeroScoreAndGradient() {
        PixelCrossEntropy loss = new PixelCrossEntropy(1, 2);
        INDArray none = column(0, 0, 0, 0);
        assertEquals(0.0, loss.computeScore(labels, preOut, SOFTMAX, none, false), 0.0);
        assertEquals(0.0, loss.meanLoss(labels, preOut, SOFTMAX, none), 0.0);
        assertAllZeroAndFinite(loss.computeGradient(labels, preOut, SOFTMAX, none));
        assertAllZeroAndFinite(loss.computeScoreArray(labels, preOut, SOFTMAX, none));
    }

    @Test
    void rejectsBadArguments() {
        PixelCrossEntropy loss = new PixelCrossEntropy(1, 2);
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        assertThrows(IllegalArgumentException.class, () -> loss.computeGradient(labels, preOut, identity, mask));
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(oneHot(3, 0, 1, 2, 0), preOut, SOFTMAX,
                mask, false));
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(labels, preOut, SOFTMAX,
                column(1, 1, 1), false));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PixelCrossEntropy(1, 3).computeScore(labels, preOut, SOFTMAX, mask, false));
        assertTrue(e.getMessage().contains("pixelsPerExample=3"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new PixelCrossEntropy().computeScore(labels, preOut, SOFTMAX, mask, false));
        assertThrows(IllegalArgumentException.class, () -> loss.setWeight(-1));
        assertThrows(IllegalArgumentException.class, () -> loss.setPixelsPerExample(0));
    }

    @Test
    void doesNotModifyItsArguments() {
        INDArray p = preOut.dup();
        INDArray l = labels.dup();
        PixelCrossEntropy loss = new PixelCrossEntropy(1, 2);
        loss.computeScoreArray(labels, preOut, SOFTMAX, mask);
        loss.computeGradient(labels, preOut, SOFTMAX, mask);
        assertEquals(p, preOut);
        assertEquals(l, labels);
    }
}
