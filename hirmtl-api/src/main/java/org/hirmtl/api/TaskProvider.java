package org.hirmtl.api;

import java.util.Map;
import java.util.Set;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.api.render.Palette;
import org.hirmtl.api.render.Picture;
import org.hirmtl.api.render.Pictures;
import org.nd4j.linalg.activations.Activation;

/**
 * A dense prediction task: its outputs, loss, label preparation, decoding of predictions and metrics. Registered by
 * {@link #name()}, named in configs under {@code tasks:}; batches and outputs are keyed by that name.
 *
 * <p>A complete example is the occlusion plugin ({@code plugins/occlusion}); in short:
 * <pre>{@code
 * public final class MyBinaryTask implements TaskProvider {
 *     public String name() { return "my_task"; }
 *     public TargetKind targetKind() { return TargetKind.BINARY; }
 *     public int outputChannels(TaskConfig c) { return 1; }
 *     public Activation activation() { return Activation.SIGMOID; }
 *     public PixelLoss loss(TaskConfig c) { return new BalancedBinaryCrossEntropy(1.0, 1, 0.5); }
 *     public void encodeLabels(float[] target, int n, int h, int w, TaskConfig c, float[] labels, float[] mask) {
 *         for (int i = 0; i < target.length; i++) {
 *             if (target[i] != TargetKind.IGNORE) { labels[i] = target[i]; mask[i] = 1; }
 *         }
 *     }
 *     public DenseMap decode(DenseMap activated) { return activated; }
 *     public DenseMetric metric(TaskConfig c, EvalConfig e) { return new SaliencyMetric(); }
 *     public String primaryMetric() { return "maxf"; }
 * }
 * }</pre>
 */
public interface TaskProvider extends Component {

    /**
     * How the task's target is resampled, padded and flipped, and which value means "ignore".
     *
     * @return the kind of the task's decoded targets
     */
    TargetKind targetKind();

    /**
     * Output channels of the network for this task (e.g. the number of classes).
     *
     * @param config this task's config, its options resolved (e.g. {@code classes})
     * @return the number of channels of the task's output layer
     */
    int outputChannels(TaskConfig config);

    /**
     * The tasks whose decoded targets this task's target can be computed from when a dataset has no files for it
     * (e.g. occlusion boundaries from depth). Default: none — the dataset must hold the task's own targets.
     *
     * @return the names of the tasks this task's target is derived from; empty if it is never derived
     */
    default Set<String> derivedFrom() {
        return Set.of();
    }

    /**
     * Computes this task's target from the targets of {@link #derivedFrom()} (all of the same size), in the
     * conventions of {@link #targetKind()}. Called on the original-resolution targets, before augmentation.
     *
     * @param sources task → decoded target
     * @param config  this task's config, its options resolved (e.g. a threshold declared in {@link #options()}); for
     *                {@code hirmtl data check} (no experiment config) the declared defaults
     * @return this task's decoded target, of the sources' size
     */
    default DenseMap deriveTarget(Map<String, DenseMap> sources, TaskConfig config) {
        throw new UnsupportedOperationException("task '" + name() + "' derives no targets");
    }

    /**
     * The activation of the output layer (applied to the network's raw output to get predictions).
     *
     * @return the output layer's activation, e.g. {@code SIGMOID} for a binary task
     */
    Activation activation();

    /**
     * A new loss function instance for this task's output layers.
     *
     * @param config this task's config, its options resolved (e.g. {@code positive_weight})
     * @return a new loss; the toolkit sets its weight and pixels per example for each output layer
     */
    PixelLoss loss(TaskConfig config);

    /**
     * Post-processing of the upsampled raw output inside the graph, before the loss (e.g. L2 normalisation for
     * normals). Default: none.
     *
     * @param graph  the graph under construction
     * @param scope  vertex name prefix of the output, e.g. {@code semseg} or {@code semseg/s8/aux} for a
     *               deep-supervision output
     * @param output the head's raw output, upsampled to the input resolution (stride 1)
     * @param config this task's config, its options resolved
     * @return the handle the task's loss layer reads; the default returns {@code output} itself
     */
    default Handle finish(ModelGraph graph, String scope, Handle output, TaskConfig config) {
        return output;
    }

    /**
     * Turns decoded targets of a batch into DL4J labels and a per-pixel mask (1 = valid).
     *
     * @param target {@code n × c × h × w} decoded targets (see {@link TargetKind})
     * @param n the number of images in the batch
     * @param h the height (rows) of the targets, labels and mask
     * @param w the width (columns) of the targets, labels and mask
     * @param config this task's config, its options resolved
     * @param labels output: {@code n × outputChannels × h × w}
     * @param mask output: {@code n × 1 × h × w}
     */
    void encodeLabels(float[] target, int n, int h, int w, TaskConfig config, float[] labels, float[] mask);

    /**
     * Turns one image's activated network output ({@code outputChannels × h × w}) into a prediction map.
     *
     * @param activated the output after {@link #activation()}, {@code outputChannels × h × w}
     * @return the prediction map, as {@link #metric}'s {@code update} and {@link #render} take it
     */
    DenseMap decode(DenseMap activated);

    /**
     * Draws one decoded prediction (at the image's size) for people: {@code hirmtl predict}'s per-task picture and panel
     * tile. The default draws by {@link #targetKind()} (see {@link Pictures}); override it for a task whose output
     * needs its own picture.
     *
     * @param prediction the output of {@link #decode}, resized to the image
     * @param config the task's config
     * @param palette class colours for label tasks ({@code null}: the default palette)
     * @return the picture, with its legend or colour bar
     */
    default Picture render(DenseMap prediction, TaskConfig config, Palette palette) {
        return Pictures.standard(targetKind(), prediction, config, palette);
    }

    /**
     * A fresh streaming metric for this task.
     *
     * @param config this task's config, its options resolved
     * @param eval the evaluation protocol ({@code eval} section of the config)
     * @return a new metric that has seen no image
     */
    DenseMetric metric(TaskConfig config, EvalConfig eval);

    /**
     * The task's headline metric name (as in the metric's results), e.g. {@code miou}.
     *
     * @return a key of {@link DenseMetric#results()} of this task's metric
     */
    String primaryMetric();

    /**
     * The prediction of a trivial baseline that knows only the training targets' statistics.
     *
     * @param config this task's config, its options resolved
     * @return a new baseline that has observed no target yet, or {@code null} (the default) for none
     */
    default TrivialBaseline baseline(TaskConfig config) {
        return null;
    }
}
