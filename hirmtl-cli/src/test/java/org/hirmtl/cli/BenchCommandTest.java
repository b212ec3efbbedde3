package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void boundariesPrintsTimeAndScores() {
        Cli r = Cli.run("bench", "boundaries", "--images", "2", "--size", "48x64", "--threads", "1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("boundaries: 2 images 48x64, max distance 0.011, 1 threads:"), r.out());
        assertTrue(r.out().matches("(?s).*odsF 0\\.\\d{6}, oisF 0\\.\\d{6}, AP 0\\.\\d{6}.*"), r.out());
    }

    @Test
    void badCountsAreUsageErrors() {
        Cli r = Cli.run("bench", "boundaries", "--images", "0");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("images >= 1"), r.err());
    }
}
