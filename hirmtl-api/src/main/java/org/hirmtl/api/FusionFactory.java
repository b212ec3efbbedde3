package org.hirmtl.api;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/**
 * Fuses one task's per-scale features into one map at the finest stride. HirMTL's task-adaptive fusion
 * ({@code taf}) and the plain mean ({@code mean}) are built in. Named in configs as {@code model.fusion.type}.
 *
 * <pre>{@code
 * public final class SumFusion implements FusionFactory {
 *     public String name() { return "sum"; }
 *     public Handle build(ModelGraph g, String task, List<Handle> scales, int channels) {
 *         List<Handle> up = g.upsampleAllTo(task + "/fusion/up", scales, scales.get(0).stride());
 *         return g.add(task + "/fusion/sum", up.toArray(Handle[]::new));
 *     }
 * }
 * }</pre>
 */
public interface FusionFactory extends Component {

    /**
     * Adds the fusion of one task's scales to the graph.
     *
     * @param graph the graph under construction, to add the fusion's vertices to
     * @param task the task, for vertex names ({@code {task}/fusion/...})
     * @param scales the task's features, increasing stride, all with {@code channels} channels
     * @param channels channels {@code C} of every scale's features and of the result ({@code model.stf.channels})
     * @return one handle at {@code scales.get(0).stride()} with {@code channels} channels
     */
    Handle build(ModelGraph graph, String task, List<Handle> scales, int channels);

    /**
     * {@link #build(ModelGraph, String, List, int)} with the fusion's resolved options ({@code model.fusion.options},
     * checked against {@link #options()}); a fusion that declares options overrides this one. The toolkit calls this.
     *
     * @param graph the graph under construction, to add the fusion's vertices to
     * @param task the task, for vertex names ({@code {task}/fusion/...})
     * @param scales the task's features, increasing stride, all with {@code channels} channels
     * @param channels channels {@code C} of every scale's features and of the result ({@code model.stf.channels})
     * @param options the fusion's resolved options, by name
     * @return one handle at {@code scales.get(0).stride()} with {@code channels} channels
     */
    default Handle build(ModelGraph graph, String task, List<Handle> scales, int channels,
                         Map<String, Object> options) {
        return build(graph, task, scales, channels);
    }
}
