package org.hirmtl.data.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the generator's throughput (1000 scenes of 128x160, 2 threads); asserts nothing about time.
 * Run with {@code -Dhirmtl.bench=true}.
 */
@EnabledIfSystemProperty(named = "hirmtl.bench", matches = "true")
class SynthThroughputTest {
    @TempDir
    Path tmp;

    @Test
    void printThroughput() throws IOException {
        SynthSpec spec = new SynthSpec(900, 100, 128, 160, SynthSpec.DEFAULT_CLASSES, 1);
        new SynthWriter().write(new SynthSpec(50, 0, 128, 160, 8, 2), tmp.resolve("warm"), 2, ProgressListener.NONE);
        SceneGenerator g = new SceneGenerator();
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            g.generate(spec, i);
        }
        double render = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        new SynthWriter().write(spec, tmp.resolve("bench"), 2, ProgressListener.NONE);
        double all = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "synth: render only %.1f scenes/s (1 thread); write 1000 scenes 128x160 "
                + "with 2 threads: %.1f s = %.1f scenes/s%n", 200 / render, all, 1000 / all);
    }
}
