package org.hirmtl.api;

import org.hirmtl.api.config.HeadConfig;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/**
 * A per-task prediction head. Named in configs as {@code model.head.type}.
 *
 * <pre>{@code
 * public final class LinearHead implements HeadFactory {
 *     public String name() { return "linear"; }
 *     public Handle build(ModelGraph g, String scope, Handle features, int outChannels, HeadConfig config) {
 *         return g.conv(scope + "/logits", features, outChannels, 1, Activation.IDENTITY);
 *     }
 * }
 * }</pre>
 */
public interface HeadFactory extends Component {

    /**
     * Adds one task's head to the graph.
     *
     * @param graph the graph under construction, to add the head's vertices to
     * @param scope vertex name prefix, e.g. {@code semseg/head} or {@code semseg/s8/aux}
     * @param features the input features
     * @param outChannels the task's output channels
     * @param config the head's config ({@code model.head}: type, hidden channels, options)
     * @return pre-activation outputs at {@code features}' stride
     */
    Handle build(ModelGraph graph, String scope, Handle features, int outChannels, HeadConfig config);
}
