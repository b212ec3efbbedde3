package org.hirmtl.spi;

import java.util.Map;
import org.hirmtl.model.graph.GraphContext;
import org.hirmtl.model.graph.Handle;

/**
 * Exchanges information between the tasks' fused features. HirMTL's asymmetric information comparison module
 * ({@code aicm}) and the identity ({@code none}) are built in. Named in configs as {@code model.exchange.type}.
 */
public interface ExchangeFactory {
    /** The registered name. */
    String name();

    /**
     * @param perTask task → fused features (same shape for every task), in model order
     * @return task → exchanged features of the same shape
     */
    Map<String, Handle> build(GraphContext graph, Map<String, Handle> perTask, int channels);
}
