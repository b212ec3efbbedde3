package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Comparing two graphs that should compute the same: their gradients, and arrays to a relative tolerance. */
public final class GraphComparisons {
    private GraphComparisons() {
    }

    /** The parameter gradients of {@code g} for one batch (inputs and labels copied first). */
    public static Gradient gradient(ComputationGraph g, INDArray x, INDArray y) {
        g.setInputs(x.dup());
        g.setLabels(y.dup());
        g.computeGradientAndScore();
        return g.gradient();
    }

    /** Every gradient of {@code expected} equals the one of {@code actual} to {@code tolerance} (relative to max). */
    public static void assertSameGradients(Gradient expected, Gradient actual, double tolerance) {
        for (String key : expected.gradientForVariable().keySet()) {
            assertClose(expected.getGradientFor(key), actual.getGradientFor(key), tolerance, "gradient " + key);
        }
    }

    /**
     * Random one-hot labels {@code [N, classes, H, W]} of {@code mask}'s type: a random class where {@code mask}
     * ({@code [N, 1, H, W]}) is positive, all zeros (an ignored pixel) where it is not. Draws from ND4J's random state.
     */
    public static INDArray oneHot(INDArray mask, int classes) {
        long n = mask.size(0);
        long h = mask.size(2);
        long w = mask.size(3);
        INDArray labels = Nd4j.zeros(mask.dataType(), n, classes, h, w);
        INDArray cls = Nd4j.rand(mask.dataType(), n, h, w).muli(classes);
        for (long i = 0; i < n; i++) {
            for (long r = 0; r < h; r++) {
                for (long c = 0; c < w; c++) {
                    if (mask.getDouble(i, 0, r, c) > 0) {
                        labels.putScalar(new long[] {i, (long) Math.min(classes - 1, cls.getDouble(i, r, c)), r, c},
                                1.0);
                    }
                }
            }
        }
        return labels;
    }

    /** {@code max |expected − actual| / (max |expected| + 1e-6) < tolerance}, and equal ranks. */
    public static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        double scale = expected.amaxNumber().doubleValue() + 1e-6;
        double diff = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(diff < tolerance, what + ": relative difference " + diff);
        assertEquals(expected.shape().length, actual.shape().length, what + ": rank");
    }
}
