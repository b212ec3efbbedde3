package org.hirmtl.engine;

import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.scratchpad_mode;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the toolkit's own oneDNN helpers ({@link OneDnnBatchNorm}, {@link OneDnnConvolution}) share: the CPU engine, a
 * stream per thread, memory descriptions of ND4J arrays, and per-thread scratch buffers that stay allocated between
 * calls.
 *
 * <p>The scratch buffers are why the convolution helper exists: DL4J's oneDNN path lets libnd4j allocate a fresh buffer
 * for every layout reorder, and the page faults on those freshly mapped buffers cost more than the convolutions
 * (docs/engine.md, "oneDNN primitives per training step"). Here each role (a reordered source, weights, a destination,
 * ...) has one buffer per thread, grown to the largest size asked for and kept until {@link #releaseBuffers()}.
 */
final class Dnnl {
    static final engine ENGINE = new engine(engine.kind.cpu, 0);
    private static final ThreadLocal<stream> STREAM = ThreadLocal.withInitial(() -> new stream(ENGINE));
    private static final ThreadLocal<Map<Buffer, Scratch>> BUFFERS =
            ThreadLocal.withInitial(() -> new EnumMap<>(Buffer.class));

    /** The roles of the per-thread scratch buffers. */
    enum Buffer { SRC, WEIGHTS, DST, DIFF_DST, DIFF_DST_2, DIFF_SRC, DIFF_WEIGHTS, SCRATCHPAD }

    private Dnnl() {
    }

    /**
     * Primitive attributes that make a primitive take its scratchpad from the caller ({@link #scratchpad}) instead of
     * allocating it: oneDNN's backward-weights convolutions and batch norms reduce over threads in their scratchpad,
     * and a freshly allocated one per call made small backward-weights convolutions 5–60 times slower than PyTorch's
     * (which passes its own, {@code attr-scratchpad:user} in its verbose log).
     */
    static primitive_attr userScratchpad() {
        primitive_attr attr = new primitive_attr();
        attr.set_scratchpad_mode(scratchpad_mode.user);
        return attr;
    }

    /** The scratchpad a primitive made with {@link #userScratchpad()} asks for, in this thread's scratch buffer. */
    static memory scratchpad(memory.desc desc) {
        memory m = new memory(desc, ENGINE, (Pointer) null);
        m.set_data_handle(scratch(Buffer.SCRATCHPAD, Math.max(desc.get_size(), 64)));
        return m;
    }

    /** Whether a helper switched by {@code property} runs: on ND4J's CPU backend unless the property is {@code dl4j}. */
    static boolean enabled(String property) {
        return !"dl4j".equals(System.getProperty(property))
                && EngineInfo.hostBackend();
    }

    /** Sets DL4J's non-public {@code helper} field declared by {@code owner} on {@code layer}. */
    static void setHelper(Class<?> owner, Object layer, Object helper) {
        try {
            java.lang.reflect.Field f = owner.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the helper of " + owner.getSimpleName() + " in DL4J "
                    + EngineInfo.DL4J_VERSION, e);
        }
    }

    /** This thread's stream on {@link #ENGINE}. */
    static stream stream() {
        return STREAM.get();
    }

    /**
     * A pointer to the first element of {@code a} (float): a copy of ND4J's own pointer, at the array's offset. The
     * offset is a byte position of a {@code BytePointer}: JavaCPP adds a pointer's position to the address without
     * scaling it by the element size when it passes the pointer as {@code void*} (as oneDNN's memory handles are), so a
     * {@code FloatPointer} at position k pointed k bytes, not k floats, further (found by OneDnnConvolutionTest with
     * weights that are views of the parameter array).
     */
    static BytePointer at(INDArray a) {
        return new BytePointer(a.data().pointer()).position(a.offset() * Float.BYTES);
    }

    /** Whether oneDNN can read {@code a} in place: float, rank 4, no negative or broadcast (zero) strides. */
    static boolean describable(INDArray a) {
        if (a == null || a.dataType() != DataType.FLOAT || a.rank() != 4) {
            return false;
        }
        for (int d = 0; d < 4; d++) {
            if (a.stride(d) < 0 || a.stride(d) == 0 && a.size(d) > 1) {
                return false;
            }
        }
        return true;
    }

    /** The memory description of a rank-4 float array with its own strides (any ND4J view oneDNN can read). */
    static memory.desc strided(INDArray a) {
        return new memory.desc(a.shape(), memory.data_type.f32, a.stride());
    }

    /** A plain row-major (NCHW or OIHW) float description of {@code dims}. */
    static memory.desc plain(long[] dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.abcd);
    }

    /**
     * Whether the scratch buffers are blocks of the thread's {@link GradientArena}, taken for one helper call and given
     * back by {@link #endCall()} (default), or buffers of their own kept between calls, one per role
     * ({@code -Dhirmtl.conv.scratch=kept}). In the arena they share memory with the activation gradients of a backward
     * pass instead of adding the largest size of each role to it.
     */
    static final boolean ARENA_SCRATCH = !"kept".equals(System.getProperty("hirmtl.conv.scratch"));
    private static final ThreadLocal<Map<Buffer, GradientArena.Block>> CALL =
            ThreadLocal.withInitial(() -> new EnumMap<>(Buffer.class));

    /**
     * This thread's scratch buffer for {@code role}, at least {@code bytes} long and 64-byte aligned: valid until
     * {@link #endCall()} when in the arena, else until a larger one is asked for the role.
     */
    static Pointer scratch(Buffer role, long bytes) {
        if (ARENA_SCRATCH) {
            Map<Buffer, GradientArena.Block> call = CALL.get();
            GradientArena.Block b = call.get(role);
            if (b == null || b.bytes() < bytes) {
                if (b != null) {
                    GradientArena.current().free(b);
                }
                b = GradientArena.current().allocate(bytes);
                call.put(role, b);
            }
            return b.pointer(bytes);
        }
        Map<Buffer, Scratch> map = BUFFERS.get();
        Scratch s = map.get(role);
        if (s == null || s.bytes < bytes) {
            if (s != null) {
                s.raw.close();
            }
            BytePointer raw = new BytePointer(bytes + 64);
            long misalign = raw.address() % 64;
            s = new Scratch(raw, new BytePointer(raw).position(misalign == 0 ? 0 : 64 - misalign), bytes);
            map.put(role, s);
        }
        return s.aligned;
    }

    /** Gives this call's scratch blocks back to the arena (a helper calls it when its primitives have run). */
    static void endCall() {
        Map<Buffer, GradientArena.Block> call = CALL.get();
        if (!call.isEmpty()) {
            GradientArena arena = GradientArena.current();
            call.values().forEach(arena::free);
            call.clear();
        }
    }

    /**
     * Frees this thread's kept scratch buffers (the next call allocates them again) and forgets blocks of a call that
     * did not end (an exception): {@link Workspaces#release()} frees the arena itself.
     */
    static void releaseBuffers() {
        Map<Buffer, Scratch> map = BUFFERS.get();
        map.values().forEach(s -> s.raw.close());
        map.clear();
        CALL.get().clear();
    }

    /** How many bytes this thread's scratch buffers hold. */
    static long bufferBytes() {
        return BUFFERS.get().values().stream().mapToLong(s -> s.bytes).sum();
    }

    private record Scratch(BytePointer raw, Pointer aligned, long bytes) {
    }
}
