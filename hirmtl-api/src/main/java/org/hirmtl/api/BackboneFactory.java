package org.hirmtl.api;

import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;

/**
 * A backbone: declares its multi-scale outputs, then adds itself to the graph. Registered by {@link #name()}, named
 * in configs as {@code model.backbone.type}.
 *
 * <pre>{@code
 * public final class TinyBackbone implements BackboneFactory {
 *     public String name() { return "tiny"; }
 *     public List<FeatureSpec> features(BackboneConfig c) { return List.of(new FeatureSpec(16, 4), new FeatureSpec(32, 8)); }
 *     public List<Handle> build(ModelGraph g, Handle image, BackboneConfig c) {
 *         Handle s2 = g.convBn("backbone/stem", image, 16, 3, 2, Activation.RELU);
 *         Handle s4 = g.convBn("backbone/s4", s2, 16, 3, 2, Activation.RELU);
 *         return List.of(s4, g.convBn("backbone/s8", s4, 32, 3, 2, Activation.RELU));
 *     }
 * }
 * }</pre>
 */
public interface BackboneFactory extends Component {

    /**
     * The outputs {@link #build} will return, in order of increasing stride.
     *
     * @param config the backbone's config ({@code model.backbone}: type, widths, options)
     * @return one spec (channels, stride) per output, in order of increasing stride
     */
    List<FeatureSpec> features(BackboneConfig config);

    /**
     * Adds the backbone to the graph.
     *
     * @param graph  the graph under construction, to add the backbone's vertices to
     * @param image  the normalised RGB input (3 channels, stride 1)
     * @param config the backbone's config ({@code model.backbone}), the same one {@link #features} was given
     * @return one handle per declared feature, matching {@link #features} exactly
     */
    List<Handle> build(ModelGraph graph, Handle image, BackboneConfig config);

    /**
     * Called once after a <em>new</em> model is built and initialised (never when a checkpoint is restored): loads
     * pretrained weights into the backbone's layers, e.g. from a file named by one of its options. Default: nothing.
     *
     * @param graph  the built and initialised network, its vertices named as {@link #build} named them
     * @param config the backbone's config ({@code model.backbone}), e.g. with an option naming the weights file
     * @throws IOException if the weights cannot be read, or do not fit (naming the tensor)
     */
    default void loadWeights(ComputationGraph graph, BackboneConfig config) throws IOException {
    }
}
