package org.hirmtl.model.exchange;

import java.util.Map;
import org.hirmtl.api.ExchangeFactory;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/** The ablation of AICM: no exchange between tasks. */
public final class NoExchange implements ExchangeFactory {
    /** The registered name. */
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Handle> build(ModelGraph graph, Map<String, Handle> perTask, int channels) {
        return perTask;
    }
}
