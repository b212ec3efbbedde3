package org.hirmtl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;

/**
 * One thread's memory for the activation gradients of a backward pass: blocks handed out best-fit from a few large
 * native chunks and given back when the workspace that asked for them closes ({@link GradientWorkspace}).
 *
 * <p>DL4J's pool of gradient workspaces ({@code WS_LAYER_ACT_i}) keeps, per workspace, the largest memory it ever held,
 * and hands workspaces to vertices last-freed-first without regard to size, so the pool grows to the sum of those
 * maxima: 3.3 GiB at the NYUD protocol's size where at most 2.1 GiB of gradients are alive at once. Here the
 * gradients of all those workspaces share this arena, which holds what is alive at once plus fragmentation. When a
 * block does not fit, a new chunk is added; when the arena is empty again (every gradient workspace closed: the end of
 * a backward pass) and has more than one chunk, the chunks are replaced by one of their total size, so after the
 * first steps a training step reuses one block of memory without a native allocation. The oneDNN helpers take their
 * reorder buffers and scratchpads for one call from the same arena ({@link Dnnl#scratch}), so that they share its
 * memory with the gradients instead of keeping the largest buffer of each role for good.
 */
final class GradientArena {
    /** Blocks start on 64-byte boundaries (oneDNN's and AVX-512's preference). */
    static final long ALIGN = 64;
    /** The smallest chunk added when a block does not fit. */
    static final long MIN_CHUNK = 64L << 20;

    private static final ThreadLocal<GradientArena> ARENA = ThreadLocal.withInitial(GradientArena::new);

    private final List<Chunk> chunks = new ArrayList<>();
    private final long minChunk;
    private long liveBytes;
    private int liveBlocks;
    private long peakLiveBytes;

    GradientArena(long minChunk) {
        this.minChunk = minChunk;
    }

    private GradientArena() {
        this(MIN_CHUNK);
    }

    /** The calling thread's arena. */
    static GradientArena current() {
        return ARENA.get();
    }

    /** A block handed out: {@code bytes} (a multiple of {@link #ALIGN}) at {@code offset} of {@code chunk}. */
    record Block(Chunk chunk, long offset, long bytes) {
        /** The block as ND4J's pointer type, {@code elements} long. */
        PagedPointer pointer(long elements) {
            return new PagedPointer(chunk.raw, elements, chunk.alignedStart + offset);
        }
    }

    /** A native chunk and its free ranges (offset → length, adjacent ranges merged). */
    static final class Chunk {
        private final BytePointer raw;
        private final long alignedStart;
        private final long size;
        private final TreeMap<Long, Long> free = new TreeMap<>();

        private Chunk(long size) {
            this.raw = new BytePointer(size + ALIGN);
            if (raw.isNull()) {
                throw new OutOfMemoryError("Failed to allocate " + (size >> 20) + " MiB for activation gradients");
            }
            long misalign = raw.address() % ALIGN;
            this.alignedStart = misalign == 0 ? 0 : ALIGN - misalign;
            this.size = size;
            free.put(0L, size);
        }

        long size() {
            return size;
        }
    }

    /** A block of at least {@code bytes}, best fit among the free ranges, in a new chunk when none fits. */
    Block allocate(long bytes) {
        long need = Math.max(ALIGN, (bytes + ALIGN - 1) / ALIGN * ALIGN);
        Chunk best = null;
        long bestOffset = -1;
        long bestSize = Long.MAX_VALUE;
        for (Chunk c : chunks) {
            for (Map.Entry<Long, Long> e : c.free.entrySet()) {
                if (e.getValue() >= need && e.getValue() < bestSize) {
                    best = c;
                    bestOffset = e.getKey();
                    bestSize = e.getValue();
                }
            }
        }
        if (best == null) {
            best = new Chunk(Math.max(need, minChunk));
            chunks.add(best);
            bestOffset = 0;
            bestSize = best.size;
        }
        best.free.remove(bestOffset);
        if (bestSize > need) {
            best.free.put(bestOffset + need, bestSize - need);
        }
        liveBytes += need;
        liveBlocks++;
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
        return new Block(best, bestOffset, need);
    }

    /** Gives {@code b} back; when nothing is alive any more, several chunks become one of their total size. */
    void free(Block b) {
        free(b, true);
    }

    /** Gives {@code b} back, merging the chunks when nothing is alive any more only if {@code consolidate}. */
    void free(Block b, boolean consolidate) {
        Chunk c = b.chunk;
        long offset = b.offset;
        long length = b.bytes;
        Map.Entry<Long, Long> before = c.free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() == offset) {
            c.free.remove(before.getKey());
            offset = before.getKey();
            length += before.getValue();
        }
        Long next = c.free.ceilingKey(offset + length);
        if (next != null && next == offset + length) {
            length += c.free.remove(next);
        }
        c.free.put(offset, length);
        liveBytes -= b.bytes;
        liveBlocks--;
        if (consolidate && liveBlocks == 0 && chunks.size() > 1) {
            long total = 0;
            for (Chunk k : chunks) {
                total += k.size;
                k.raw.deallocate();
            }
            chunks.clear();
            chunks.add(new Chunk(total));
        }
    }

    /** Bytes of native memory the arena holds. */
    long sizeBytes() {
        long total = 0;
        for (Chunk c : chunks) {
            total += c.size;
        }
        return total;
    }

    /** Chunks the arena holds. */
    int chunkCount() {
        return chunks.size();
    }

    /** Bytes handed out and not given back. */
    long liveBytes() {
        return liveBytes;
    }

    /** The most bytes alive at once since the arena was made or released. */
    long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** Frees every chunk (call only when no block is in use: {@link Workspaces#release()}). */
    void release() {
        for (Chunk c : chunks) {
            c.raw.deallocate();
        }
        chunks.clear();
        liveBytes = 0;
        liveBlocks = 0;
        peakLiveBytes = 0;
    }
}
