package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MemoryGuard}: sizes and defaults as documented, the error when the resident memory is above the limit, and
 * that a training step meeting it stops with that error (DL4J's layers would otherwise fall back to their own path
 * on a helper's exception).
 */
class MemoryGuardTest {
    private static final long GIB = 1L << 30;

    @Test
    void sizes() {
        assertEquals(0, MemoryGuard.parseSize("0"));
        assertEquals(1234, MemoryGuard.parseSize("1234"));
        assertEquals(512L << 10, MemoryGuard.parseSize("512k"));
        assertEquals(23000L << 20, MemoryGuard.parseSize("23000M"));
        assertEquals(22 * GIB, MemoryGuard.parseSize("22g"));
        assertEquals(1L << 40, MemoryGuard.parseSize("1T"));
        for (String bad : new String[] {"12X", "-1", "G", "", "1.5G", "99999999999T"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> MemoryGuard.parseSize(bad), bad);
            assertTrue(e.getMessage().contains("-Dhirmtl.maxResident=" + bad + " is not a size"), e.getMessage());
        }
    }

    @Test
    void defaultIsTheMachineLessOneGibAndNoneOnSmallMachines() {
        assertEquals(23 * GIB, MemoryGuard.resolve(null, 24 * GIB));
        assertEquals(23 * GIB, MemoryGuard.resolve(" ", 24 * GIB));
        assertEquals(0, MemoryGuard.resolve(null, 3 * GIB));
        assertEquals(0, MemoryGuard.resolve(null, -1));
        assertEquals(8 * GIB, MemoryGuard.resolve(" 8G ", 24 * GIB));
        assertEquals(0, MemoryGuard.resolve("0", 24 * GIB));
    }

    @Test
    void machineMemoryFromMeminfoAndCgroups() {
        assertEquals(24_000_000L * 1024, MemoryGuard.meminfoTotal("MemTotal:       24000000 kB\nMemFree: 1 kB\n"));
        assertEquals(-1, MemoryGuard.meminfoTotal("MemFree: 1 kB\n"));
        assertEquals(-1, MemoryGuard.meminfoTotal(null));
        assertEquals(4 * GIB, MemoryGuard.cgroupLimit("4294967296\n", null));
        assertEquals(-1, MemoryGuard.cgroupLimit("max\n", null));
        assertEquals(-1, MemoryGuard.cgroupLimit(null, "9223372036854771712\n")); // v1: no limit
        assertEquals(2 * GIB, MemoryGuard.cgroupLimit(null, "2147483648"));
        assertTrue(MemoryGuard.machineBytes() > 0, "this Linux machine's memory");
    }

    @Test
    void aboveTheLimitIsOneClearError() {
        var e = assertThrows(MemoryGuard.LimitExceededException.class, () -> MemoryGuard.checkAgainst(1 << 20));
        assertTrue(e.getMessage().contains("above its limit of 1 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("JAVA_OPTS=-Dhirmtl.maxResident=SIZE"), e.getMessage());
        assertDoesNotThrow(() -> MemoryGuard.checkAgainst(Long.MAX_VALUE / 2));
    }

    @Test
    void aTrainingStepAboveTheLimitStopsInsteadOfFallingBack() {
        ComputationGraph g = OneDnnConvolutionTest.net();
        OneDnnConvolution.install(g);
        OneDnnBatchNorm.install(g);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 20);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5);
        g.fit(new INDArray[] {x}, new INDArray[] {y});
        try {
            MemoryGuard.limitForTests(1L << 20);
            var e = assertThrows(MemoryGuard.LimitExceededException.class,
                    () -> g.fit(new INDArray[] {x}, new INDArray[] {y}));
            assertTrue(e.getMessage().startsWith("out of memory"), e.getMessage());
        } finally {
            MemoryGuard.limitForTests(null);
        }
        assertDoesNotThrow(() -> g.fit(new INDArray[] {x}, new INDArray[] {y}));
    }

    @Test
    void aMalformedLimitIsReportedByTheEntryPointsNotInsideLayers() {
        String before = System.getProperty(MemoryGuard.PROPERTY);
        System.setProperty(MemoryGuard.PROPERTY, "6X");
        try {
            MemoryGuard.limitForTests(null);
            assertThrows(IllegalArgumentException.class, MemoryGuard::limitBytes);
            assertDoesNotThrow(MemoryGuard::check); // a layer's call: no exception DL4J would take for a failure
        } finally {
            if (before == null) {
                System.clearProperty(MemoryGuard.PROPERTY);
            } else {
                System.setProperty(MemoryGuard.PROPERTY, before);
            }
            MemoryGuard.limitForTests(null);
        }
    }
}
