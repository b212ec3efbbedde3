package org.hirmtl.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MemoryKind;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.cpu.nativecpu.workspace.CpuWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One of DL4J's gradient workspaces ({@code WS_LAYER_ACT_i}) without memory of its own: while its scope is open,
 * arrays come from the thread's {@link GradientArena}, and they go back to it when the scope closes. ND4J's own
 * workspaces keep their largest size for good, and an ND4J workspace without memory ("spilled" allocations) frees its
 * arrays only when it is next opened and through {@code malloc}, whose freed pages the allocator returns to the system
 * and faults in again (measured: 30 % slower NYUD steps). CPU backend only.
 */
final class GradientWorkspace extends CpuWorkspace {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.NONE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.EXTERNAL)
            .policyAllocation(AllocationPolicy.STRICT)
            .build();

    private final GradientArena arena;
    private final List<GradientArena.Block> blocks = new ArrayList<>();

    GradientWorkspace(String id, GradientArena arena) {
        super(CONFIG, id);
        this.arena = arena;
    }

    @Override
    public PagedPointer alloc(long requiredMemory, MemoryKind kind, DataType type, boolean initialize) {
        if (!isScopeActive() || kind != MemoryKind.HOST) {
            return super.alloc(requiredMemory, kind, type, initialize); // ND4J's spill, freed when next opened
        }
        GradientArena.Block block = arena.allocate(requiredMemory);
        blocks.add(block);
        PagedPointer pointer = block.pointer(requiredMemory / Nd4j.sizeOfDataType(type));
        if (initialize) {
            org.bytedeco.javacpp.Pointer.memset(pointer, 0, requiredMemory);
        }
        return pointer;
    }

    @Override
    public void close() {
        boolean wasOpen = isScopeActive();
        super.close();
        if (wasOpen && !isScopeActive()) {
            giveBack(true);
        }
    }

    @Override
    public synchronized void destroyWorkspace(boolean extended) {
        giveBack(false); // no new chunk while workspaces are being destroyed
        super.destroyWorkspace(extended);
    }

    /** Gives this scope's blocks back, merging the arena's chunks when it empties only if {@code consolidate}. */
    private void giveBack(boolean consolidate) {
        for (GradientArena.Block b : blocks) {
            arena.free(b, consolidate);
        }
        blocks.clear();
    }
}
