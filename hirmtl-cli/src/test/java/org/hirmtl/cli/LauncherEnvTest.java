package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code src/main/scripts/hirmtl-env.sh}, which {@code bin/hirmtl} sources: allocator choice, glibc's mmap threshold,
 * the garbage collector and JavaCPP's limits, each left alone when the user set it.
 */
class LauncherEnvTest {
    private static final Path SCRIPT = Path.of("src/main/scripts/hirmtl-env.sh");

    /** Sources the script in {@code sh} with {@code env} and returns what it exported, one {@code KEY=value} per line. */
    private static String source(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", ". \"$0\"; echo \"LD_PRELOAD=${LD_PRELOAD:-}\"; "
                + "echo \"MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-}\"; echo \"JAVA_OPTS=${JAVA_OPTS:-}\"; "
                + "echo \"OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-}\"",
                SCRIPT.toAbsolutePath().toString());
        pb.environment().remove("LD_PRELOAD");
        pb.environment().remove("MALLOC_MMAP_THRESHOLD_");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("HIRMTL_ALLOCATOR");
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void glibcGetsAFixedMmapThresholdAndTheSerialCollector() throws Exception {
        String out = source(Map.of("HIRMTL_ALLOCATOR", "glibc"));
        assertTrue(out.contains("LD_PRELOAD=\n"), out);
        assertTrue(out.contains("MALLOC_MMAP_THRESHOLD_=1048576"), out);
        assertTrue(out.contains("-XX:+UseSerialGC"), out);
        // JavaCPP's per-allocation check off: MemoryGuard checks instead
        assertTrue(out.contains("javacpp.maxphysicalbytes=0 ") || out.contains("javacpp.maxphysicalbytes=0\n"), out);
        assertTrue(out.contains("OMP_WAIT_POLICY=PASSIVE\n"), out);
    }

    @Test
    void theUsersOpenMpWaitPolicyStays() throws Exception {
        assertTrue(source(Map.of("OMP_WAIT_POLICY", "ACTIVE")).contains("OMP_WAIT_POLICY=ACTIVE\n"));
    }

    @Test
    void jemallocIsPreloadedWhenInstalledAndTheUsersChoicesStay() throws Exception {
        String out = source(Map.of("JAVA_OPTS", "-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxphysicalbytes=4G"));
        assertTrue(out.contains("JAVA_OPTS=-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxphysicalbytes=4G\n"), out);
        boolean installed = Files.isReadable(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"));
        if (installed) {
            assertTrue(out.contains("LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n"), out);
            assertTrue(out.contains("MALLOC_MMAP_THRESHOLD_=\n"), out);
        } else {
            assertTrue(out.contains("LD_PRELOAD=\n") && out.contains("MALLOC_MMAP_THRESHOLD_=1048576"), out);
        }
    }

    @Test
    void aMissingLibraryWarnsAndFallsBack() throws Exception {
        String out = source(Map.of("HIRMTL_ALLOCATOR", "/nonexistent/libfoo.so"));
        assertTrue(out.contains("is not a readable library"), out);
        assertTrue(out.contains("LD_PRELOAD=\n"), out);
    }
}
