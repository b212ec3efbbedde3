package org.hirmtl.testkit;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.model.HirMtlModel;

/**
 * The tiny model {@link ComponentContract#assertModelContract} built and checked, for further checks in a plugin's
 * own tests (its DL4J graph, tasks and input size) and for {@link ComponentContract#assertOnnxExportMatches}.
 */
public final class ContractModel {
    private final HirMtlModel model;

    ContractModel(HirMtlModel model) {
        this.model = model;
    }

    /** The DL4J graph (trained one step). */
    public ComputationGraph graph() {
        return model.graph();
    }

    /** Task names in model order. */
    public List<String> tasks() {
        return model.tasks();
    }

    /** The names of the graph's outputs, in DL4J order (task outputs and deep-supervision outputs). */
    public List<String> outputs() {
        return model.outputs().stream().map(o -> o.name()).toList();
    }

    /** Input height. */
    public int height() {
        return model.height();
    }

    /** Input width. */
    public int width() {
        return model.width();
    }

    HirMtlModel model() {
        return model;
    }
}
