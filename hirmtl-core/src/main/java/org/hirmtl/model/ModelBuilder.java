package org.hirmtl.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.HeadFactory;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.config.ModelConfig;
import org.hirmtl.data.transform.InputGeometry;
import org.hirmtl.engine.OneDnn;
import org.hirmtl.model.graph.GraphContext;
import org.hirmtl.model.vertices.UpsampledLoss;
import org.hirmtl.optim.Optimisation;
import org.hirmtl.registry.Components;

/**
 * Assembles HirMTL from registered components: backbone → scale stage (STF) → fusion (TAF) per task → exchange
 * (AICM) → head per task → bilinear ×4 to the input size → the task's loss layer; plus, with deep supervision,
 * a 1×1 head per (scale, task) whose prediction is upsampled to the input size and gets that task's loss × λ_ds.
 * Where the task's finishing step is the identity, the upsampling happens inside the loss layer
 * ({@link UpsampledLoss}): the full-resolution logits then exist only while that layer runs. Every component comes
 * from {@link Components} by name.
 */
public final class ModelBuilder {
    /** The graph's input name. */
    public static final String INPUT = "image";
    private final Components components;

    /** @param components where to find components by name */
    public ModelBuilder(Components components) {
        this.components = components;
    }

    /**
     * Builds and initialises a network that is not trained to the run's learning-rate schedule — for checking a config,
     * benchmarks and contract tests: its schedule spans {@link Optimisation#UNSCHEDULED_STEPS} steps.
     *
     * @throws IllegalArgumentException (or a registry error) naming the config field at fault
     */
    public HirMtlModel build(ExperimentConfig config) {
        return build(config, Optimisation.UNSCHEDULED_STEPS);
    }

    /**
     * Builds and initialises the network for a training run.
     *
     * @param totalIterations optimiser steps of the whole run (the learning-rate schedule's length)
     * @throws IllegalArgumentException (or a registry error) naming the config field at fault
     */
    public HirMtlModel build(ExperimentConfig config, int totalIterations) {
        OneDnn.enable();
        ModelConfig m = config.model();
        BackboneFactory backbone = components.backbones().get(m.backbone().type());
        List<FeatureSpec> specs = backbone.features(m.backbone());
        InputGeometry geometry = geometry(config, specs);
        int h = geometry.height();
        int w = geometry.width();
        Map<String, TaskProvider> tasks = new LinkedHashMap<>();
        for (String t : config.taskNames()) {
            tasks.put(t, components.tasks().get(t));
        }

        ComputationGraphConfiguration.GraphBuilder gb = Optimisation.base(config.train(), totalIterations)
                .graphBuilder();
        GraphContext g = new GraphContext(gb);
        Handle image = g.input(INPUT, 3);
        gb.setInputTypes(InputType.convolutional(h, w, 3));
        List<Handle> features = backbone.build(g, image, m.backbone());
        checkDeclared(backbone.name(), specs, features);

        String stage = m.stf().type();
        Map<String, List<Handle>> perScale = components.scaleStages().get(stage)
                .build(g, features, config.taskNames(), m.stf());
        int c = m.stf().channels();
        Map<String, Handle> fused = new LinkedHashMap<>();
        perScale.forEach((t, scales) -> fused.put(t, components.fusions().get(m.fusion().type())
                .build(g, t, scales, c, m.fusion().options())));
        Map<String, Handle> exchanged = components.exchanges().get(m.exchange().type()).build(g, fused, c,
                m.exchange().options());

        HeadFactory head = components.heads().get(m.head().type());
        List<OutputSpec> outputs = new ArrayList<>();
        for (Map.Entry<String, TaskProvider> e : tasks.entrySet()) {
            String t = e.getKey();
            TaskProvider task = e.getValue();
            TaskConfig tc = config.tasks().get(t);
            int out = task.outputChannels(tc);
            boolean inLoss = upsampleInLoss(task, tc, t, out);
            Handle logits = head.build(g, t + "/head", exchanged.get(t), out, m.head());
            outputs.add(output(g, task, tc, t, logits, inLoss, h * w, 1.0, false));
            if (m.stf().deepSupervision()) {
                for (Handle s : perScale.get(t)) {
                    String scope = t + "/s" + s.stride() + "/aux";
                    Handle aux = g.conv(scope + "/logits", s, out, 1, org.nd4j.linalg.activations.Activation.IDENTITY);
                    // upsampled to the input, as MTI-Net does and docs/model.md says: point-sampled labels alias
                    // 1-pixel edges and thin binary maps at strides 8-32
                    outputs.add(output(g, task, tc, scope, aux, inLoss, h * w, m.stf().deepSupervisionWeight(),
                            true));
                }
            }
        }
        gb.setOutputs(outputs.stream().map(OutputSpec::name).toArray(String[]::new));
        ComputationGraphConfiguration conf = gb.build();
        Optimisation.applyWeightDecay(conf, config.train().optimizer());
        org.hirmtl.engine.layers.LeanLayers.apply(conf);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        try {
            backbone.loadWeights(graph, m.backbone());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("model.backbone: cannot load weights: " + e.getMessage(), e);
        }
        org.hirmtl.engine.OneDnn.installHelpers(graph);
        return new HirMtlModel(graph, config.taskNames(), outputs, h, w);
    }

    /**
     * Adds {@code scope/out}: the logits upsampled to the input size, the task's finishing step and its loss layer.
     * With {@code inLoss} the loss layer upsamples them itself ({@link UpsampledLoss}); otherwise a
     * {@link org.hirmtl.model.vertices.BilinearUpsampleVertex} and the task's finishing vertices come first.
     */
    private static OutputSpec output(GraphContext g, TaskProvider task, TaskConfig tc, String scope, Handle logits,
                                     boolean inLoss, int pixels, double factor, boolean aux) {
        PixelLoss loss = task.loss(tc);
        loss.setWeight(tc.weight() * factor);
        loss.setPixelsPerExample(pixels);
        String name = scope + "/out";
        if (inLoss && logits.stride() > 1) {
            g.layer(name, new UpsampledLoss(logits.stride(), loss, task.activation().getActivationFunction()),
                    logits.channels(), 1, logits);
            return new OutputSpec(name, task.name(), aux, 1);
        }
        Handle finished = task.finish(g, scope, g.upsampleTo(scope + "/up", logits, 1), tc);
        g.layer(name, new CnnLossLayer.Builder().lossFunction(loss).activation(task.activation()).build(),
                finished.channels(), 1, finished);
        return new OutputSpec(name, task.name(), aux, finished.stride());
    }

    /**
     * Whether the task's loss layers upsample their logits themselves ({@link UpsampledLoss}): unless
     * {@code -Dhirmtl.losses.upsample=graph} or {@code -Dhirmtl.losses=dl4j} says otherwise, for every task whose
     * finishing step leaves the upsampled output as it is (the default of {@link TaskProvider#finish}; a task that
     * adds vertices there, such as normals' L2 normalisation, keeps the upsampling in the graph). Asked of the task
     * on a scratch graph, so nothing it adds reaches the model.
     */
    static boolean upsampleInLoss(TaskProvider task, TaskConfig tc, String scope, int channels) {
        if ("graph".equals(System.getProperty(UpsampledLoss.PROPERTY))
                || "dl4j".equals(System.getProperty(org.hirmtl.engine.layers.LeanLayers.LOSS_PROPERTY))) {
            return false;
        }
        GraphContext scratch = new GraphContext(new NeuralNetConfiguration.Builder().graphBuilder());
        Handle full = scratch.input(scope + "/up", channels);
        return task.finish(scratch, scope, full, tc).equals(full);
    }

    /**
     * The network input for the config: {@code data.image_size} padded up to multiples of the backbone's largest
     * stride (e.g. NYUD's 425×560 → 448×576 with stride 32).
     */
    public static InputGeometry geometry(Components components, ExperimentConfig config) {
        return geometry(config, components.backbones().get(config.model().backbone().type())
                .features(config.model().backbone()));
    }

    private static InputGeometry geometry(ExperimentConfig config, List<FeatureSpec> specs) {
        int stride = specs.stream().mapToInt(FeatureSpec::stride).max().orElse(1);
        return InputGeometry.padded(config.data().imageSize().height(), config.data().imageSize().width(), stride);
    }

    /**
     * The largest stride of the configured backbone's features: network input sizes must be multiples of it.
     *
     * @param components the registries (for the backbone)
     * @param config the model's config
     */
    public static int maxStride(Components components, ExperimentConfig config) {
        return components.backbones().get(config.model().backbone().type()).features(config.model().backbone())
                .stream().mapToInt(FeatureSpec::stride).max().orElse(1);
    }

    private static void checkDeclared(String name, List<FeatureSpec> specs, List<Handle> built) {
        if (specs.size() != built.size()) {
            throw new IllegalStateException("backbone '" + name + "' declared " + specs.size() + " outputs but built "
                    + built.size());
        }
        for (int i = 0; i < specs.size(); i++) {
            FeatureSpec s = specs.get(i);
            Handle b = built.get(i);
            if (s.channels() != b.channels() || s.stride() != b.stride()) {
                throw new IllegalStateException("backbone '" + name + "' output " + i + " declared " + s + " but built "
                        + b);
            }
        }
    }
}
