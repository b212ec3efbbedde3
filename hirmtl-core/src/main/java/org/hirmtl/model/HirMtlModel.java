package org.hirmtl.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A built (or restored) HirMTL network and what is needed to use it by task name: the task order and the output
 * layers. Positional DL4J arrays are only ever interpreted through {@link #outputs()}, by
 * {@link org.hirmtl.infer.Dl4jEngine} for inference.
 *
 * @param graph the DL4J graph
 * @param tasks task names in model order
 * @param outputs the graph's outputs in DL4J order
 * @param height input height the model was built for
 * @param width input width the model was built for
 */
public record HirMtlModel(ComputationGraph graph, List<String> tasks, List<OutputSpec> outputs, int height,
                          int width) {
    /** Freezes the lists. */
    public HirMtlModel {
        tasks = List.copyOf(tasks);
        outputs = List.copyOf(outputs);
    }

    /**
     * {@code task}'s final (non-auxiliary) output. (Only {@link org.hirmtl.infer.Dl4jEngine} maps it to a position in
     * DL4J's output arrays.)
     *
     * @throws IllegalArgumentException if the model has none
     */
    public OutputSpec finalOutput(String task) {
        for (OutputSpec o : outputs) {
            if (!o.auxiliary() && o.task().equals(task)) {
                return o;
            }
        }
        throw new IllegalArgumentException("the model has no output for task '" + task + "' (tasks: " + tasks + ")");
    }

    /** The output names in DL4J order. */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        outputs.forEach(o -> names.add(o.name()));
        return names;
    }
}
