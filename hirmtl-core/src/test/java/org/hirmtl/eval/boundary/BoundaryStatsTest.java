package org.hirmtl.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code collect_eval_bdry} on counts worked out by hand. */
class BoundaryStatsTest {

    private static final double[] T3 = {0.25, 0.5, 0.75};

    /**
     * Image A: R = 1 at every threshold, P = 1/2, 1, 1; image B: R = P = 1 at the first threshold, nothing after.
     * OIS takes A at 0.5 and B at 0.25: all pooled counts match, OIS = 1. ODS pools per threshold:
     * (R, P) = (1, 2/3), (1/2, 1), (1/2, 1), F = 0.8, 2/3, 2/3; between the first two thresholds
     * {@code F(d) = (4 − d²)/(5 − d/2)}, largest at {@code d = 10 − √96}, F = 0.80816…; BSDS samples d = j/99.
     * AP: unique R = {1/2 → P 1, 1 → P 2/3}; R grid 0.50..1.00 has 51 points with P = 1 − (r − 1/2)·2/3, summing
     * to 42.5, so AP = 0.425.
     */
    @Test
    void odsDiffersFromOisOnTwoImages() {
        ImageCounts a = new ImageCounts(new int[] {10, 10, 10}, new int[] {10, 10, 10}, new int[] {10, 10, 10},
                new int[] {20, 10, 10});
        ImageCounts b = new ImageCounts(new int[] {10, 0, 0}, new int[] {10, 10, 10}, new int[] {10, 0, 0},
                new int[] {10, 0, 0});
        BoundaryResult r = BoundaryStats.collect(T3, List.of(a, b));
        assertEquals(1.0, r.oisF(), 1e-12);
        double dStar = 10 - Math.sqrt(96);
        double fStar = (4 - dStar * dStar) / (5 - dStar / 2);
        assertEquals(fStar, r.odsF(), 1e-7);
        double d = 20 / 99.0;
        assertEquals((4 - d * d) / (5 - d / 2), r.odsF(), 1e-12);
        assertEquals(0.25 + 0.25 * d, r.odsThreshold(), 1e-12);
        assertEquals(0.8, r.odsFAtThresholds(), 1e-12);
        assertEquals(0.425, r.ap(), 1e-12);
        assertEquals(2, r.images());
        assertEquals(2.0 / 3, r.precision()[0], 1e-12);
        assertEquals(0.5, r.recall()[1], 1e-12);
    }

    @Test
    void oisTakesTheFirstThresholdOfAnImagesBestF() {
        // F = 1/2 at both thresholds with different counts: the first wins (find(F == max(F)), ff(1))
        ImageCounts c = new ImageCounts(new int[] {1, 2}, new int[] {2, 4}, new int[] {1, 2}, new int[] {2, 4});
        ImageCounts other = new ImageCounts(new int[] {3, 0}, new int[] {3, 3}, new int[] {3, 0}, new int[] {3, 0});
        BoundaryResult r = BoundaryStats.collect(new double[] {0.3, 0.6}, List.of(c, other));
        // pooled at the chosen thresholds: cntR 1 + 3, sumR 2 + 3, cntP 1 + 3, sumP 2 + 3 → R = P = 4/5
        assertEquals(0.8, r.oisF(), 1e-12);
    }

    @Test
    void noCountsGiveZerosNotNaN() {
        ImageCounts empty = new ImageCounts(new int[3], new int[3], new int[3], new int[3]);
        BoundaryResult r = BoundaryStats.collect(T3, List.of(empty));
        assertEquals(0.0, r.odsF());
        assertEquals(0.0, r.oisF());
        assertEquals(0.0, r.ap());
        assertEquals(0.25, r.odsThreshold());
    }

    @Test
    void areaUsesLinearInterpolationAndZeroOutsideTheRecallRange() {
        // R = 0.2 → P 1, R = 0.6 → P 0.5; grid points 0.20..0.60 (41) with P = 1 − (r − 0.2)·1.25
        double area = BoundaryStats.areaPR(new double[] {0.6, 0.2}, new double[] {0.5, 1.0});
        double sum = 0;
        for (int g = 20; g <= 60; g++) {
            sum += 1 - (g / 100.0 - 0.2) * 1.25;
        }
        assertEquals(sum * 0.01, area, 1e-12);
        assertEquals(0.0, BoundaryStats.areaPR(new double[] {0.4, 0.4}, new double[] {1, 0.5}));
    }

    @Test
    void fMeasureIsBsdsFormula() {
        assertEquals(0.0, BoundaryStats.fMeasure(0, 0));
        assertEquals(2 * 0.5 * 0.25 / 0.75, BoundaryStats.fMeasure(0.5, 0.25), 1e-15);
    }
}
