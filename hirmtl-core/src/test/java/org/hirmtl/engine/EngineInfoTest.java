package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CUDA fallback warning: only a CUDA build running on another backend gets it. */
class EngineInfoTest {
    @Test
    void aCudaBuildOnTheCpuBackendSaysSoInOneLine() {
        Optional<String> w = EngineInfo.cudaFallbackWarning(true, "CPU");
        assertTrue(w.isPresent());
        assertFalse(w.get().contains("\n"));
        assertTrue(w.get().endsWith("running on the CPU backend"), w.get());
        assertEquals(Optional.empty(), EngineInfo.cudaFallbackWarning(true, "CUDA"));
        assertEquals(Optional.empty(), EngineInfo.cudaFallbackWarning(false, "CPU"));
    }

    @Test
    void thisBuildWarnsExactlyWhenItHasCudaButRunsElsewhere() {
        boolean cuda = EngineInfo.cudaBackendPresent(); // false in the default build, true with -Pcuda
        boolean onCuda = EngineInfo.describe().get("backend").toUpperCase(java.util.Locale.ROOT).contains("CUDA");
        assertEquals(cuda && !onCuda, EngineInfo.cudaFallbackWarning().isPresent());
    }
}
