package org.hirmtl.api;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.StfConfig;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/**
 * The scale level: from the backbone's features to per-(scale, task) features. HirMTL's STF (shared projection plus a
 * per-task residual fine-tuning block) is one; the projection alone (ablation) another.
 *
 * <pre>{@code
 * public final class ProjectOnly implements ScaleStageFactory {   // one shared 1x1 projection per scale
 *     public String name() { return "project"; }
 *     public Map<String, List<Handle>> build(ModelGraph g, List<Handle> features, List<String> tasks, StfConfig c) {
 *         List<Handle> shared = new ArrayList<>();
 *         for (Handle f : features) {
 *             shared.add(g.convBnRelu("project/s" + f.stride(), f, c.channels(), 1));
 *         }
 *         Map<String, List<Handle>> out = new LinkedHashMap<>();
 *         tasks.forEach(t -> out.put(t, shared));
 *         return out;
 *     }
 * }
 * }</pre>
 */
public interface ScaleStageFactory extends Component {

    /**
     * Adds the scale stage to the graph.
     *
     * @param graph the graph under construction, to add the stage's vertices to
     * @param features the backbone outputs, increasing stride
     * @param tasks the task names, in model order
     * @param config the stage's config ({@code model.stf}: type, channels, deep supervision, options)
     * @return task → one handle per scale, same order as {@code features}, each with {@code config.channels()}
     */
    Map<String, List<Handle>> build(ModelGraph graph, List<Handle> features, List<String> tasks, StfConfig config);
}
