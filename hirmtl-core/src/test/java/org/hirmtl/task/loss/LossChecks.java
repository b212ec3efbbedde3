package org.hirmtl.task.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hirmtl.api.loss.PixelLoss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared helpers for the loss tests: finite-difference gradients, tiny arrays, element-wise asserts. */
final class LossChecks {
    private LossChecks() {
    }

    /**
     * Compares {@code computeGradient} with central differences of {@code computeScore(average=false)} for every
     * element of preOutput (step 1e-6, double precision) and returns the largest relative error
     * |a − n| / (|a| + |n|); element pairs with both magnitudes below 1e-10 (masked rows) must agree absolutely.
     */
    static double maxRelativeError(PixelLoss loss, INDArray labels, INDArray preOut, IActivation act,
            INDArray mask) {
        double eps = 1e-6;
        INDArray before = preOut.dup();
        INDArray analytic = loss.computeGradient(labels, preOut, act, mask);
        assertEquals(before, preOut, "computeGradient must not modify preOutput");
        double max = 0;
        for (long i = 0; i < preOut.length(); i++) {
            double x = preOut.getDouble(i);
            preOut.putScalar(i, x + eps);
            double plus = loss.computeScore(labels, preOut, act, mask, false);
            preOut.putScalar(i, x - eps);
            double minus = loss.computeScore(labels, preOut, act, mask, false);
            preOut.putScalar(i, x);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            double scale = Math.abs(a) + Math.abs(numeric);
            if (scale < 1e-10) {
                continue;
            }
            max = Math.max(max, Math.abs(a - numeric) / scale);
        }
        return max;
    }

    static INDArray rows(double[][] values) {
        return Nd4j.create(values).castTo(DataType.DOUBLE);
    }

    static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    /** One-hot rows for the given class indices. */
    static INDArray oneHot(int classes, int... index) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, index.length, classes);
        for (int i = 0; i < index.length; i++) {
            out.putScalar(i, index[i], 1.0);
        }
        return out;
    }

    static void assertClose(double[][] expected, INDArray actual, double tol) {
        assertEquals(expected.length, actual.size(0), "rows");
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual.getDouble(r, c), tol, "element [" + r + ", " + c + "]");
            }
        }
    }

    static void assertAllZeroAndFinite(INDArray a) {
        for (long i = 0; i < a.length(); i++) {
            double v = a.getDouble(i);
            assertTrue(Double.isFinite(v), "element " + i + " is " + v);
            assertEquals(0.0, v, 0.0, "element " + i);
        }
    }
}
