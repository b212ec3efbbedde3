package org.hirmtl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GradientArena}: aligned blocks that never overlap, best fit, merged free ranges, one chunk after a pass. */
class GradientArenaTest {
    private static long address(GradientArena.Block b) {
        return b.pointer(1).address();
    }

    @Test
    void blocksAreAlignedAndDoNotOverlap() {
        GradientArena arena = new GradientArena(4096);
        List<GradientArena.Block> blocks = new ArrayList<>();
        for (long size : new long[] {1, 63, 64, 65, 1000, 7, 4096, 3}) {
            blocks.add(arena.allocate(size));
        }
        for (GradientArena.Block b : blocks) {
            assertEquals(0, address(b) % GradientArena.ALIGN, "64-byte aligned");
            assertEquals(0, b.bytes() % GradientArena.ALIGN);
            for (GradientArena.Block o : blocks) {
                if (o != b) {
                    assertTrue(address(b) + b.bytes() <= address(o) || address(o) + o.bytes() <= address(b),
                            "blocks overlap");
                }
            }
        }
        assertEquals(64 + 64 + 64 + 128 + 1024 + 64 + 4096 + 64, arena.liveBytes());
        arena.release();
    }

    @Test
    void freedNeighboursMergeAndTheBestFitIsTaken() {
        GradientArena arena = new GradientArena(4096);
        GradientArena.Block a = arena.allocate(1024);
        GradientArena.Block b = arena.allocate(1024);
        GradientArena.Block c = arena.allocate(256);
        GradientArena.Block d = arena.allocate(1024);
        arena.free(a);
        arena.free(b); // a + b: one free range of 2048 at offset 0
        arena.free(d); // d + the chunk's tail: 4096 − 2304
        GradientArena.Block e = arena.allocate(2048);
        assertEquals(0, e.offset(), "the merged range of a and b fits 2048 exactly");
        GradientArena.Block f = arena.allocate(128);
        assertEquals(2304, f.offset(), "the only range left");
        assertEquals(1, arena.chunkCount());
        arena.free(c);
        GradientArena.Block g = arena.allocate(256);
        assertEquals(2048, g.offset(), "c's range, the smallest that fits, not the tail");
        arena.release();
    }

    @Test
    void aPassThatOutgrowsTheArenaLeavesOneChunkForTheNext() {
        GradientArena arena = new GradientArena(4096);
        long[] pass = {3000, 3000, 5000, 64};
        List<GradientArena.Block> live = new ArrayList<>();
        for (long size : pass) {
            live.add(arena.allocate(size));
        }
        assertEquals(3, arena.chunkCount(), "3000 + 3000 do not share a 4096 chunk; 5000 needs its own");
        long total = arena.sizeBytes();
        for (GradientArena.Block b : live) {
            arena.free(b);
        }
        assertEquals(1, arena.chunkCount(), "merged when nothing is alive");
        assertEquals(total, arena.sizeBytes());
        live.clear();
        for (long size : pass) {
            live.add(arena.allocate(size));
        }
        assertEquals(1, arena.chunkCount(), "the same pass fits the merged chunk");
        assertEquals(total, arena.sizeBytes());
        live.forEach(arena::free);
        assertEquals(0, arena.liveBytes());
        arena.release();
        assertEquals(0, arena.sizeBytes());
    }
}
