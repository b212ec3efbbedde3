package org.hirmtl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hirmtl.api.data.DenseMap;
import org.junit.jupiter.api.Test;

/** The boundary benchmark's inputs and scores (its speed is printed by the command, never asserted). */
class BoundaryBenchmarkTest {

    @Test
    void scoresAreReproducibleAcrossThreadCountsAndPlausible() {
        BoundaryBenchmark.Result one = BoundaryBenchmark.run(new BoundaryBenchmark.Options(3, 60, 80, 0.011, 1, 100, false));
        BoundaryBenchmark.Result two = BoundaryBenchmark.run(new BoundaryBenchmark.Options(3, 60, 80, 0.011, 2, 100, false));
        assertEquals(3, one.result().images());
        assertEquals(one.result().odsF(), two.result().odsF());
        assertEquals(one.result().oisF(), two.result().oisF());
        assertEquals(one.result().ap(), two.result().ap());
        // the prediction is a blurred copy of the ground truth: good but not perfect at its best threshold
        assertTrue(one.result().odsF() > 0.6 && one.result().odsF() < 1, "odsF " + one.result().odsF());
        assertTrue(one.seconds() > 0 && one.imagesPerSecond() > 0);
        BoundaryBenchmark.Result seism = BoundaryBenchmark.run(
                new BoundaryBenchmark.Options(3, 60, 80, 0.011, 2, 100, true));
        assertEquals(101, seism.result().thresholds().length);
        assertTrue(seism.result().odsF() > 0.6 && seism.result().odsF() < 1, "odsF " + seism.result().odsF());
    }

    @Test
    void imagesAreProbabilitiesOverABinaryBoundaryMap() {
        DenseMap[] d = BoundaryBenchmark.image(new Random(3), 48, 64);
        int boundary = 0;
        for (int i = 0; i < d[1].pixels(); i++) {
            float g = d[1].data()[i];
            float p = d[0].data()[i];
            assertTrue(g == 0 || g == 1);
            assertTrue(p >= 0 && p <= 1);
            boundary += (int) g;
        }
        assertTrue(boundary > 20 && boundary < d[1].pixels() / 3, "boundary pixels " + boundary);
    }
}
