package org.hirmtl.engine;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J workspaces of the calling thread: what they hold, and sizing them from the first pass instead of DL4J's slow
 * learning.
 *
 * <p>DL4J 1.0.0-M2.1's {@code ComputationGraph} creates its per-layer workspaces ({@code WS_LAYER_WORKING_MEM} and the
 * pool {@code WS_LAYER_ACT_0, _1, ...}) with {@code LearningPolicy.OVER_TIME}: a workspace stays empty until it has
 * seen as many open/close cycles as the graph has vertices (twice that for working memory), and until then every
 * array in it is a separate native allocation ("spill"). On a graph of several hundred vertices, a pool workspace
 * used by a few vertices per pass spills for dozens of steps: gigabytes of short-lived native allocations, which
 * glibc's {@code malloc} keeps as resident memory. DL4J offers no setting for this, but it takes a workspace that
 * already exists on the thread under the same name as it is; {@link #sizeFromFirstPass(int)} creates them first with
 * {@code LearningPolicy.FIRST_LOOP} (sized after one cycle, grown by reallocation when a later cycle needs more).
 * The pool's workspaces, which hold the activation gradients of a backward pass (and the activations of an
 * inference pass), are made as {@link GradientWorkspace}s that share one {@link GradientArena} per thread instead of
 * a memory block each ({@code -Dhirmtl.gradients=workspaces} for the latter).
 */
public final class Workspaces {
    /** Up to this many pool workspaces ({@code WS_LAYER_ACT_i}) are created ahead; DL4J makes any further ones. */
    static final int MAX_POOL = 256;
    /** Sized after one cycle, grown by reallocation when a later cycle needs more, 10 % headroom. */
    private static final WorkspaceConfiguration FIRST_PASS = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    private Workspaces() {
    }

    /**
     * The calling thread's workspaces in figures, and the oneDNN helpers' scratch buffers of the thread (reorder
     * buffers and scratchpad, kept between calls; {@link #release()} frees them too).
     */
    public record Usage(int workspaces, int empty, int arenaWorkspaces, long allocatedBytes, long spilledBytes,
                        long pinnedBytes, long gradientArenaBytes, long helperBufferBytes) {
        /** One line for logs. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%d workspaces (%d empty, %d in the gradient arena), %d MiB "
                    + "allocated, %d MiB spilled, %d MiB pinned; gradient arena %d MiB; oneDNN scratch buffers %d MiB",
                    workspaces, empty, arenaWorkspaces, allocatedBytes >> 20, spilledBytes >> 20, pinnedBytes >> 20,
                    gradientArenaBytes >> 20, helperBufferBytes >> 20);
        }
    }

    /**
     * The calling thread's workspaces: how many, how many still empty (spilling), how many are
     * {@link GradientWorkspace}s (no memory of their own: their arrays are in the thread's arena), and their sizes.
     */
    public static Usage usage() {
        int count = 0;
        int empty = 0;
        int inArena = 0;
        long allocated = 0;
        long spilled = 0;
        long pinned = 0;
        for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            count++;
            allocated += ws.getCurrentSize();
            if (ws instanceof GradientWorkspace) {
                inArena++;
            } else if (ws.getCurrentSize() == 0) {
                empty++;
            }
            if (ws instanceof Nd4jWorkspace n) {
                spilled += n.getSpilledSize();
                pinned += n.getPinnedSize();
            }
        }
        long helpers = OneDnnConvolution.enabled() || OneDnnBatchNorm.enabled() ? Dnnl.bufferBytes() : 0;
        return new Usage(count, empty, inArena, allocated, spilled, pinned, GradientArena.current().sizeBytes(),
                helpers);
    }

    /** The {@code n} largest workspaces of the calling thread as {@code "id size MiB"}, largest first. */
    public static java.util.List<String> largest(int n) {
        return Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().stream()
                .filter(ws -> ws.getCurrentSize() > 0)
                .sorted(java.util.Comparator.comparingLong(MemoryWorkspace::getCurrentSize).reversed())
                .limit(n)
                .map(ws -> ws.getId() + " " + (ws.getCurrentSize() >> 20) + " MiB")
                .toList();
    }

    /**
     * Destroys every workspace of the calling thread and frees its memory. ND4J keeps a thread's workspaces for the
     * thread's life: after training, a JVM that goes on (a test suite, a notebook, a Spark driver, a second training)
     * would otherwise hold the last model's activation memory (gigabytes at the NYUD size). Call it only when no array
     * of those workspaces is used any more; DL4J recreates them on the next pass.
     */
    public static void release() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        GradientArena.current().release();
        Dnnl.releaseBuffers();
    }

    /**
     * Creates, on the calling thread, DL4J's per-layer workspaces with first-pass learning, unless they exist. Call
     * it on the thread that will run {@code fit} or {@code output}, before the first call; later calls are cheap. A
     * workspace that is never used costs nothing (its memory is allocated at the end of its first cycle).
     *
     * @param vertices the graph's number of vertices (the pool never has more workspaces than that)
     */
    public static void sizeFromFirstPass(int vertices) {
        if (!enabled()) {
            return;
        }
        var manager = Nd4j.getWorkspaceManager();
        WorkspaceConfiguration config = FIRST_PASS;
        if (!manager.checkIfWorkspaceExists("WS_LAYER_WORKING_MEM")) {
            manager.getWorkspaceForCurrentThread(config, "WS_LAYER_WORKING_MEM");
        }
        boolean arena = gradientArena();
        for (int i = 0; i < Math.min(vertices, MAX_POOL); i++) {
            String id = "WS_LAYER_ACT_" + i;
            if (!manager.checkIfWorkspaceExists(id)) {
                if (arena) {
                    manager.setWorkspaceForCurrentThread(new GradientWorkspace(id, GradientArena.current()), id);
                } else {
                    manager.getWorkspaceForCurrentThread(config, id);
                }
            }
        }
    }

    /**
     * Opens the calling thread's scratch workspace {@code id} (created on first use): what is allocated in the scope
     * is gone when it closes; the workspace keeps the size of the largest scope it held (sized from its first scope,
     * grown by reallocation), until {@link #release()}. For temporaries that should not stay in DL4J's per-layer
     * working memory until the layer ends.
     */
    public static MemoryWorkspace scratch(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(FIRST_PASS, id);
    }

    /**
     * Whether the gradient workspaces share one {@link GradientArena} per thread ({@link GradientWorkspace}; ND4J's CPU
     * backend): off with {@code -Dhirmtl.gradients=workspaces} (a workspace of its own each, as DL4J makes them).
     */
    static boolean gradientArena() {
        return !"workspaces".equals(System.getProperty("hirmtl.gradients")) && EngineInfo.hostBackend();
    }

    /** Off with {@code -Dhirmtl.workspaces=dl4j} (DL4J's own over-time learning), for comparisons. */
    static boolean enabled() {
        return !"dl4j".equals(System.getProperty("hirmtl.workspaces"));
    }
}
