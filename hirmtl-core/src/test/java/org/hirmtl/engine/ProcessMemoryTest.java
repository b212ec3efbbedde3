package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProcessMemory}: allocator detection from {@code /proc/self/maps} lines, and this process's figures. */
class ProcessMemoryTest {
    private static final String LIBC =
            "7f0c1a000000-7f0c1a022000 r--p 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";

    @Test
    void findsAPreloadedAllocator() {
        assertEquals("jemalloc", ProcessMemory.allocatorIn(List.of(LIBC,
                "7f0c19e00000-7f0c19e0c000 r--p 00000000 fe:01 99 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2")));
        assertEquals("tcmalloc", ProcessMemory.allocatorIn(List.of(
                "7f0c19e00000-7f0c19e0c000 r-xp 00000000 fe:01 99 /usr/lib/libtcmalloc_minimal.so.4", LIBC)));
        assertEquals("glibc", ProcessMemory.allocatorIn(List.of(LIBC, "7ffd1000-7ffd2000 rw-p 00000000 00:00 0 [stack]",
                "7f00-7f10 r--p 0 fe:01 7 /opt/data/jemalloc-notes.txt")));
    }

    @Test
    void measuresThisProcess() {
        long rss = ProcessMemory.residentMiB();
        long peak = ProcessMemory.peakResidentMiB();
        assertTrue(rss > 0 && peak >= rss, "resident " + rss + " MiB, peak " + peak + " MiB");
        assertTrue(ProcessMemory.allocator().startsWith("glibc") || ProcessMemory.allocator().equals("jemalloc"),
                ProcessMemory.allocator());
    }
}
