package org.hirmtl.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * This process's memory as Linux reports it ({@code /proc/self/status}, {@code /proc/self/maps}): resident and peak
 * resident set size, and which {@code malloc} serves native allocations (glibc, or jemalloc/tcmalloc/mimalloc when
 * preloaded). ND4J's arrays live outside the Java heap, so the resident set is the figure to compare with PyTorch.
 * Every method answers {@code -1} or {@code "unknown"} where the files do not exist (not Linux).
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path MAPS = Path.of("/proc/self/maps");

    private ProcessMemory() {
    }

    /** Current resident set size in MiB ({@code VmRSS}), or -1. */
    public static long residentMiB() {
        return statusKiB("VmRSS:") / 1024;
    }

    /** Peak resident set size of the process so far in MiB ({@code VmHWM}), or -1. */
    public static long peakResidentMiB() {
        return statusKiB("VmHWM:") / 1024;
    }

    /**
     * The native allocator mapped into this process: {@code "jemalloc"}, {@code "tcmalloc"} or {@code "mimalloc"}
     * when one of those libraries is loaded (preloaded by the launcher, see {@code docs/engine.md}), otherwise
     * {@code "glibc"}, with the mmap threshold when {@code MALLOC_MMAP_THRESHOLD_} sets one (the launcher does);
     * {@code "unknown"} when {@code /proc/self/maps} cannot be read.
     */
    public static String allocator() {
        String name;
        try {
            name = allocatorIn(Files.readAllLines(MAPS));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        String threshold = System.getenv("MALLOC_MMAP_THRESHOLD_");
        return name.equals("glibc") && threshold != null && !threshold.isBlank()
                ? name + " (mmap threshold " + threshold.trim() + " bytes)" : name;
    }

    /** The allocator named by the library paths in the lines of a {@code /proc/PID/maps} file. */
    static String allocatorIn(List<String> mapsLines) {
        for (String line : mapsLines) {
            int slash = line.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String lib = line.substring(slash + 1).toLowerCase(Locale.ROOT);
            for (String name : List.of("jemalloc", "tcmalloc", "mimalloc")) {
                if (lib.startsWith("lib" + name) && lib.contains(".so")) {
                    return name;
                }
            }
        }
        return "glibc";
    }

    private static long statusKiB(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
