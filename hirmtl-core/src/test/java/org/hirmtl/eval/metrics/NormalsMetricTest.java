package org.hirmtl.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.eval.metrics.NormalsMetric.Protocol;
import org.junit.jupiter.api.Test;

class NormalsMetricTest {

    /** A 3 x 1 x n map from n vectors given as {x, y, z} rows. */
    private static DenseMap vectors(double[]... v) {
        int n = v.length;
        float[] d = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                d[c * n + i] = (float) v[i][c];
            }
        }
        return new DenseMap(3, 1, n, d);
    }

    /** A unit vector at {@code deg} degrees from +z, in the x-z plane. */
    private static double[] atAngle(double deg) {
        double r = Math.toRadians(deg);
        return new double[] {Math.sin(r), 0, Math.cos(r)};
    }

    private static double[][] repeat(double[] v, int n) {
        double[][] out = new double[n][];
        java.util.Arrays.fill(out, v);
        return out;
    }

    private static Map<String, Double> eval(Protocol protocol, DenseMap p, DenseMap g) {
        NormalsMetric m = new NormalsMetric(protocol);
        m.update(p, g);
        return m.results();
    }

    @Test
    void perpendicularIdenticalAndOppositeVectors() {
        double[] z = {0, 0, 1};
        assertEquals(90, eval(Protocol.FLOAT, vectors(new double[] {1, 0, 0}), vectors(new double[] {0, 1, 0}))
                .get("mean"), 1e-12);
        assertEquals(0, eval(Protocol.FLOAT, vectors(z), vectors(z)).get("mean"), 0);
        assertEquals(180, eval(Protocol.FLOAT, vectors(new double[] {0, 0, -1}), vectors(z)).get("mean"), 1e-12);
        assertEquals(180, eval(Protocol.FLOAT, vectors(new double[] {0, 0, -1}), vectors(z)).get("median"), 0);
    }

    @Test
    void predictionIsNormalisedAndZeroPredictionScoresNinety() {
        DenseMap g = vectors(atAngle(0), atAngle(40));
        Map<String, Double> unit = eval(Protocol.FLOAT, vectors(atAngle(30), atAngle(15)), g);
        double[] a = atAngle(30);
        double[] b = atAngle(15);
        Map<String, Double> scaled = eval(Protocol.FLOAT,
                vectors(new double[] {5 * a[0], 5 * a[1], 5 * a[2]}, new double[] {0.1 * b[0], 0, 0.1 * b[2]}), g);
        assertEquals(unit.get("mean"), scaled.get("mean"), 1e-5);
        assertEquals(27.5, unit.get("mean"), 1e-4);
        assertEquals(90, eval(Protocol.FLOAT, vectors(new double[] {0, 0, 0}), vectors(atAngle(3))).get("mean"), 0);
    }

    @Test
    void statisticsOnAKnownSetOfAnglesSkippingInvalidTargets() {
        double[] zero = {0, 0, 0};
        double[] z = {0, 0, 1};
        DenseMap p = vectors(atAngle(10), atAngle(20), atAngle(35), z, atAngle(50), atAngle(100));
        DenseMap g = vectors(z, z, z, zero, z, z);
        NormalsMetric m = new NormalsMetric(Protocol.FLOAT);
        m.update(p, g);
        Map<String, Double> r = m.results();
        assertEquals(5, m.validPixels());
        assertEquals(43, r.get("mean"), 1e-4);
        assertEquals(35, r.get("median"), 0);
        assertEquals(Math.sqrt((100 + 400 + 1225 + 2500 + 10000) / 5.0), r.get("rmse"), 1e-4);
        assertEquals(20, r.get("within_11_25"), 1e-12);
        assertEquals(40, r.get("within_22_5"), 1e-12);
        assertEquals(40, r.get("within_30"), 1e-12);
        // an even count takes the mean of the two middle angles: 10 20 35 | 50 60 100 -> 42.5
        m.update(vectors(atAngle(60)), vectors(z));
        assertEquals(42.5, m.results().get("median"), 0);
    }

    @Test
    void medianIsTheBinCentreWithinHalfAThousandthOfADegree() {
        double[] z = {0, 0, 1};
        Map<String, Double> r = eval(Protocol.FLOAT, vectors(atAngle(12.3456)), vectors(z));
        assertEquals(12.346, r.get("median"), 1e-12);
        assertEquals(12.3456, r.get("mean"), 1e-4);
        NormalsMetric many = new NormalsMetric(Protocol.FLOAT);
        many.update(vectors(repeat(atAngle(7.25), 4)), vectors(repeat(z, 4)));
        many.update(vectors(repeat(atAngle(7.75), 3)), vectors(repeat(z, 3)));
        assertEquals(7.25, many.median(), 0);
    }

    @Test
    void png8DiffersFromFloatByTheQuantisationOnly() {
        double[] z = {0, 0, 1};
        assertEquals(0, eval(Protocol.FLOAT, vectors(z), vectors(z)).get("mean"), 0);
        // +z encodes to (128, 128, 255) and decodes to (1/255, 1/255, 1): atan(sqrt(2)/255) = 0.3177554 degrees
        assertEquals(Math.toDegrees(Math.atan(Math.sqrt(2) / 255)),
                eval(Protocol.PNG8, vectors(z), vectors(z)).get("mean"), 1e-9);
        // (0.3, 0.2, 0.9)/|.| encodes to (167, 154, 246) (worked out on paper: (n+1)/2*255 = 166.95, 153.80, 245.86)
        double[] p = {0.3, 0.2, 0.9};
        double len = Math.sqrt(0.94);
        double[] unit = {0.3 / len, 0.2 / len, 0.9 / len};
        double[] dec = {2 * 167 / 255.0 - 1, 2 * 154 / 255.0 - 1, 2 * 246 / 255.0 - 1};
        double dlen = Math.sqrt(dec[0] * dec[0] + dec[1] * dec[1] + dec[2] * dec[2]);
        double cos = (unit[0] * dec[0] + unit[1] * dec[1] + unit[2] * dec[2]) / dlen;
        double expected = Math.toDegrees(Math.acos(cos));
        assertEquals(0.0731761, expected, 1e-6);
        assertEquals(0, eval(Protocol.FLOAT, vectors(p), vectors(unit)).get("mean"), 1e-4);
        assertEquals(expected, eval(Protocol.PNG8, vectors(p), vectors(unit)).get("mean"), 1e-4);
    }

    @Test
    void png8TruncTruncatesAsMtiNetSaves() {
        // +z: (n+1)/2*255 = (127.5, 127.5, 255) truncates to (127, 127, 255), decodes to (-1/255, -1/255, 1)
        double[] z = {0, 0, 1};
        assertEquals(Math.toDegrees(Math.atan(Math.sqrt(2) / 255)),
                eval(Protocol.PNG8_TRUNC, vectors(z), vectors(z)).get("mean"), 1e-9);
        // (0.3, 0.2, 0.9)/|.|: 166.95, 153.80, 245.86 truncate to (166, 153, 245), where rounding gives 167, 154, 246
        double len = Math.sqrt(0.94);
        double[] unit = {0.3 / len, 0.2 / len, 0.9 / len};
        double[] dec = {2 * 166 / 255.0 - 1, 2 * 153 / 255.0 - 1, 2 * 245 / 255.0 - 1};
        double dlen = Math.sqrt(dec[0] * dec[0] + dec[1] * dec[1] + dec[2] * dec[2]);
        double expected = Math.toDegrees(Math.acos((unit[0] * dec[0] + unit[1] * dec[1] + unit[2] * dec[2]) / dlen));
        assertEquals(expected, eval(Protocol.PNG8_TRUNC, vectors(new double[] {0.3, 0.2, 0.9}), vectors(unit))
                .get("mean"), 1e-4);
        assertTrue(Math.abs(expected - eval(Protocol.PNG8, vectors(new double[] {0.3, 0.2, 0.9}), vectors(unit))
                .get("mean")) > 0.05, "truncating and rounding differ here");
        assertEquals(Protocol.PNG8_TRUNC, Protocol.of("png8_trunc"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.of("png16"));
    }

    @Test
    void mergeEqualsOnePassAndChecksTheProtocol() {
        double[] z = {0, 0, 1};
        NormalsMetric one = new NormalsMetric(Protocol.FLOAT);
        one.update(vectors(atAngle(10), atAngle(70), atAngle(5)), vectors(z, z, z));
        NormalsMetric a = new NormalsMetric(Protocol.FLOAT);
        a.update(vectors(atAngle(10)), vectors(z));
        NormalsMetric b = a.fresh();
        b.update(vectors(atAngle(70), atAngle(5)), vectors(z, z));
        a.merge(b);
        assertEquals(one.results().get("median"), a.results().get("median"));
        assertEquals(one.results().get("mean"), a.results().get("mean"), 1e-12);
        assertEquals(Protocol.FLOAT, b.protocol());
        assertThrows(IllegalArgumentException.class, () -> a.merge(new NormalsMetric(Protocol.PNG8)));
        assertTrue(new NormalsMetric(Protocol.PNG8).results().get("median").isNaN());
    }

    @Test
    void rejectsNaNAndWrongChannels() {
        NormalsMetric m = new NormalsMetric(Protocol.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.update(vectors(new double[] {0, Double.NaN, 1}), vectors(new double[] {0, 0, 1})));
        assertTrue(e.getMessage().startsWith("prediction contains NaN at pixel 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.update(DenseMap.zeros(1, 1, 3), vectors(new double[] {0, 0, 1})));
        assertTrue(e.getMessage().contains("1x1x3") && e.getMessage().contains("3x1x1"), e.getMessage());
    }
}
