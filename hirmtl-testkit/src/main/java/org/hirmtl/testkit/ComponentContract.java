package org.hirmtl.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hirmtl.api.Component;
import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Kind;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.TaskWeighting;
import org.hirmtl.api.WeightingFactory;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.api.config.WeightingConfig;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.eval.DenseMetric;
import org.hirmtl.api.loss.PixelLoss;
import org.hirmtl.api.render.Picture;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigException;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.Batch;
import org.hirmtl.export.onnx.OnnxExport;
import org.hirmtl.export.onnx.OnnxExporter;
import org.hirmtl.infer.OnnxVerifier;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.OutputSpec;
import org.hirmtl.model.TaskBatchAdapter;
import org.hirmtl.registry.Components;
import org.hirmtl.registry.Registry;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Contract checks for components. Each method fails with an {@link AssertionError} that says what broke; the kit
 * depends on no test framework, so a plugin uses it with whatever JUnit version its build has.
 *
 * <pre>{@code
 * class MyPluginContractTest {
 *     @Test
 *     void backboneKeepsTheContract() {
 *         ComponentContract.assertModelContract(new MyProvider(), "model.backbone.type=mynet");
 *     }
 *
 *     @Test
 *     void vertexGradients() {
 *         ComponentContract.assertVertexGradients(new MyVertex(), 4, 4);
 *     }
 * }
 * }</pre>
 */
public final class ComponentContract {
    /**
     * The tiny experiment every model check starts from (64×64 input, widths 4–8, two tasks): overrides given to
     * {@link #assertModelContract} are applied after these.
     */
    public static final List<String> TINY = List.of("data.image_size=64x64", "tasks=[semseg, depth]",
            "tasks.semseg.options.classes=4", "model.backbone.widths=[4,4,8,8]", "model.stf.channels=4",
            "model.head.channels=4", "train.batch_size=2");

    private ComponentContract() {
    }

    /** The built-ins plus {@code provider}'s components, registered under its id (as the plugin host does). */
    static Components components(ComponentProvider provider) {
        Components c = BuiltinComponents.registries();
        c.install(provider);
        c.recordPlugin(provider.id(), "test");
        return c;
    }

    /**
     * Builds a tiny model whose config names the provider's components and checks the whole contract:
     * <ol>
     *   <li>the config (defaults + {@link #TINY} + {@code overrides}) validates against the registries;</li>
     *   <li>the model builds (backbones: built features match the declared {@code FeatureSpec}s);</li>
     *   <li>a forward pass gives, for every output, the declared shape ({@code [N, outputChannels, H/s, W/s]}) and
     *       only finite values;</li>
     *   <li>one training step on labels made by each task's {@code encodeLabels} gives a finite score and finite,
     *       changed parameters;</li>
     *   <li>a ModelSerializer save/load gives bit-identical outputs;</li>
     *   <li>the checkpoint would record the provider's id among the plugins the model needs, if the config uses one
     *       of its components;</li>
     *   <li>every component of the provider declares valid options, and the loader rejects undeclared ones for the
     *       components the config uses;</li>
     *   <li>every loss weighting of the provider keeps {@link #assertWeightingContract};</li>
     *   <li>a task derived from others gets its training targets from its own {@code deriveTarget} (with its
     *       resolved config), checked for size and valid values.</li>
     * </ol>
     *
     * @param overrides {@code key=value} config overrides naming the components under test
     * @return the built model, for further checks
     */
    public static ContractModel assertModelContract(ComponentProvider provider, String... overrides) {
        Components components = components(provider);
        List<String> o = new ArrayList<>(TINY);
        o.addAll(Arrays.asList(overrides));
        ExperimentConfig config = new ConfigLoader(components).loadDefaults(o).config();
        assertDeclaredOptions(components, provider.id(), o, config);
        for (Registry.Entry<WeightingFactory> e : components.weightings().entries()) {
            if (e.source().equals(provider.id())) {
                assertWeightingContract(e.component(), config.taskNames(),
                        OptionSpec.resolve(e.component().options(), Map.of()));
            }
        }
        HirMtlModel model = new ModelBuilder(components).build(config);
        int n = 2;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 3, model.height(), model.width()).subi(0.5).muli(2);
        INDArray[] out = model.graph().output(false, x.dup());
        Check.equal(model.outputs().size(), out.length, "one array per declared output");
        for (int i = 0; i < out.length; i++) {
            OutputSpec spec = model.outputs().get(i);
            int c = components.tasks().get(spec.task()).outputChannels(config.tasks().get(spec.task()));
            Check.equal(new long[] {n, c, model.height() / spec.stride(), model.width() / spec.stride()},
                    out[i].shape(), "shape of output " + spec.name());
            assertFinite(out[i], "output " + spec.name());
        }

        INDArray before = model.graph().params().dup();
        TaskBatchAdapter adapter = new TaskBatchAdapter(model, taskMap(components, model), config.tasks(),
                Normalisation.IMAGENET);
        Map<String, float[]> targets = syntheticTargets(components, model, config, n);
        Map<String, Integer> channels = new java.util.LinkedHashMap<>();
        targets.forEach((t, v) -> channels.put(t, v.length / (n * model.height() * model.width())));
        float[] images = new float[n * 3 * model.height() * model.width()];
        Random r = new Random(9);
        for (int i = 0; i < images.length; i++) {
            images[i] = r.nextFloat();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("x" + i);
        }
        model.graph().fit(adapter.toMultiDataSet(new Batch(ids, model.height(), model.width(), images, targets,
                channels)));
        double score = model.graph().score();
        Check.isTrue(Double.isFinite(score), "training score is finite, got " + score);
        assertFinite(model.graph().params(), "parameters after a training step");
        Check.isTrue(!before.equals(model.graph().params()), "a training step changes the parameters");

        INDArray[] reference = model.graph().output(false, x.dup());
        ComputationGraph restored = saveAndRestore(model.graph(), provider.getClass().getClassLoader());
        INDArray[] again = restored.output(false, x.dup());
        for (int i = 0; i < reference.length; i++) {
            Check.equal(reference[i].data().asFloat(), again[i].data().asFloat(),
                    "save/load changes output " + model.outputs().get(i).name());
        }
        Map<String, Components.PluginUse> needed = components.pluginsUsedBy(config);
        if (usesProvider(components, config, provider.id())) {
            Check.isTrue(needed.containsKey(provider.id()), "checkpoints record plugin '" + provider.id() + "'");
        }
        return new ContractModel(model);
    }

    private static boolean usesProvider(Components c, ExperimentConfig config, String id) {
        return c.pluginsUsedBy(config).containsKey(id) || c.tasks().entries().stream()
                .anyMatch(e -> e.source().equals(id) && config.taskNames().contains(e.name()));
    }

    private static Map<String, TaskProvider> taskMap(Components c, HirMtlModel model) {
        Map<String, TaskProvider> m = new java.util.LinkedHashMap<>();
        model.tasks().forEach(t -> m.put(t, c.tasks().get(t)));
        return m;
    }

    /**
     * Random targets in each task's conventions (valid values only). A task derived from others
     * ({@link TaskProvider#derivedFrom()}) gets the target its {@code deriveTarget} computes from random source
     * targets, with its resolved config, checked for size and valid values.
     */
    private static Map<String, float[]> syntheticTargets(Components c, HirMtlModel model, ExperimentConfig config,
                                                         int n) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        Random r = new Random(5);
        int h = model.height();
        int w = model.width();
        int plane = h * w;
        for (String t : model.tasks()) {
            TaskProvider p = c.tasks().get(t);
            TaskConfig tc = config.tasks().get(t);
            int classes = p.outputChannels(tc);
            if (p.derivedFrom().isEmpty()) {
                out.put(t, random(p.targetKind(), classes, n, plane, r));
                continue;
            }
            int ch = channels(p.targetKind());
            float[] v = new float[n * ch * plane];
            for (int i = 0; i < n; i++) {
                Map<String, DenseMap> sources = new java.util.LinkedHashMap<>();
                for (String src : p.derivedFrom()) {
                    TaskProvider sp = c.tasks().find(src).orElseThrow(() -> Check.fail("task '" + t
                            + "' is derived from '" + src + "', which is not a registered task"));
                    TaskConfig sc = config.tasks().containsKey(src) ? config.tasks().get(src)
                            : new TaskConfig(1, OptionSpec.resolve(sp.options(), Map.of()));
                    int sk = sp.targetKind() == TargetKind.LABELS ? sp.outputChannels(sc) : 1;
                    sources.put(src, new DenseMap(channels(sp.targetKind()), h, w,
                            random(sp.targetKind(), sk, 1, plane, r)));
                }
                DenseMap d = p.deriveTarget(sources, tc);
                Check.notNull(d, "deriveTarget of task '" + t + "' returns a target");
                Check.equal(new long[] {ch, h, w}, new long[] {d.channels(), d.height(), d.width()},
                        "deriveTarget of task '" + t + "' keeps the size of its sources");
                assertValidTarget(p.targetKind(), classes, d, "derived target of task '" + t + "'");
                System.arraycopy(d.data(), 0, v, i * ch * plane, ch * plane);
            }
            out.put(t, v);
        }
        return out;
    }

    private static int channels(TargetKind kind) {
        return kind == TargetKind.NORMALS ? 3 : 1;
    }

    private static float[] random(TargetKind kind, int classes, int n, int plane, Random r) {
        float[] v = new float[n * channels(kind) * plane];
        switch (kind) {
            case LABELS -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextInt(classes);
                }
            }
            case DEPTH -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5f + 4 * r.nextFloat();
                }
            }
            case NORMALS -> {
                for (int i = 0; i < n; i++) {
                    for (int q = 0; q < plane; q++) {
                        v[(i * 3 + 2) * plane + q] = 1;
                    }
                }
            }
            case BINARY -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextFloat() < 0.2 ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException("no random targets for " + kind);
        }
        return v;
    }

    private static void assertValidTarget(TargetKind kind, int classes, DenseMap d, String what) {
        for (float x : d.data()) {
            boolean ok = switch (kind) {
                case LABELS -> x == TargetKind.IGNORE || (x >= 0 && x < classes && x == Math.rint(x));
                case BINARY -> x == 0 || x == 1 || x == TargetKind.IGNORE;
                case DEPTH -> Float.isFinite(x) && x >= 0;
                default -> Float.isFinite(x);
            };
            Check.isTrue(ok, what + " has an invalid value " + x + " for a " + kind + " target");
        }
    }

    /**
     * Checks the options every component of {@code source} declares: valid declarations with unique names, defaults
     * that resolve, and — for the components this config uses — that the config loader rejects an option the
     * component does not declare (e.g. {@code tasks.X.options.no_such_option=1}), with the option's path.
     */
    private static void assertDeclaredOptions(Components components, String source, List<String> overrides,
                                              ExperimentConfig config) {
        for (Kind kind : Kind.values()) {
            for (Registry.Entry<?> e : components.registry(kind).entries()) {
                if (!e.source().equals(source)) {
                    continue;
                }
                List<OptionSpec> specs = ((Component) e.component()).options();
                Check.notNull(specs, kind.label() + " '" + e.name() + "': options() returns a list");
                Check.equal((long) specs.size(), specs.stream().map(OptionSpec::name).distinct().count(),
                        kind.label() + " '" + e.name() + "' declares each option once");
                String path = optionsPath(kind, e.name(), config);
                if (path == null) {
                    continue;
                }
                if (specs.stream().noneMatch(OptionSpec::required)) {
                    OptionSpec.resolve(specs, Map.of());
                }
                List<String> bogus = new ArrayList<>(overrides);
                bogus.add(path + ".no_such_option=1");
                try {
                    new ConfigLoader(components).loadDefaults(bogus);
                    throw Check.fail(kind.label() + " '" + e.name() + "': the config loader accepts an option it "
                            + "does not declare (" + path + ".no_such_option); declare options in options()");
                } catch (ConfigException expected) {
                    Check.isTrue(expected.yamlPath().equals(path + ".no_such_option"), "the error names "
                            + path + ".no_such_option, got: " + expected.getMessage());
                }
            }
        }
    }

    private static String optionsPath(Kind kind, String name, ExperimentConfig config) {
        return switch (kind) {
            case TASK -> config.taskNames().contains(name) ? "tasks." + name + ".options" : null;
            case BACKBONE -> config.model().backbone().type().equals(name) ? "model.backbone.options" : null;
            case WEIGHTING -> config.train().weighting().type().equals(name) ? "train.weighting.options" : null;
            default -> null;
        };
    }

    /**
     * Checks a loss weighting: for {@code tasks} it gives a finite, non-negative weight per task (exactly those
     * keys) before and after steps and epochs; {@code afterStep} gets each step's unweighted per-task losses and
     * {@code afterEpoch} the epoch means (as the trainer calls them); its state, restored into a new instance,
     * gives the same weights.
     *
     * @param options the weighting's options, resolved ({@code OptionSpec.resolve(factory.options(), given)})
     */
    public static void assertWeightingContract(WeightingFactory factory, List<String> tasks,
                                               Map<String, Object> options) {
        Map<String, Double> base = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            base.put(tasks.get(i), 1.0 + i);
        }
        WeightingConfig wc = new WeightingConfig(factory.name(), 2.0, options);
        TaskWeighting w = factory.create(tasks, base, wc);
        Check.notNull(w, "weighting '" + factory.name() + "': create returns a weighting");
        assertWeights(factory.name(), tasks, w.weights(), "before training");
        Random r = new Random(13);
        for (int epoch = 0; epoch < 3; epoch++) {
            Map<String, Double> sums = new java.util.LinkedHashMap<>();
            for (int step = 0; step < 4; step++) {
                Map<String, Double> losses = new java.util.LinkedHashMap<>();
                for (String t : tasks) {
                    double l = 0.1 + r.nextDouble() * (epoch + 1);
                    losses.put(t, l);
                    sums.merge(t, l / 4, Double::sum);
                }
                w.afterStep(losses);
                assertWeights(factory.name(), tasks, w.weights(), "after a step");
            }
            w.afterEpoch(sums);
            assertWeights(factory.name(), tasks, w.weights(), "after epoch " + (epoch + 1));
        }
        Map<String, double[]> state = w.state();
        Check.notNull(state, "weighting '" + factory.name() + "': state() returns a map");
        TaskWeighting restored = factory.create(tasks, base, wc);
        restored.restore(state);
        Check.equal(w.weights(), restored.weights(), "weighting '" + factory.name()
                + "': a new instance restored from state() gives the same weights");
    }

    private static void assertWeights(String name, List<String> tasks, Map<String, Double> weights, String when) {
        Check.notNull(weights, "weighting '" + name + "': weights() returns a map " + when);
        Check.equal(new java.util.TreeSet<>(tasks), new java.util.TreeSet<>(weights.keySet()),
                "weighting '" + name + "': one weight per task " + when);
        weights.forEach((t, v) -> Check.isTrue(v != null && Double.isFinite(v) && v >= 0, "weighting '" + name
                + "': weight of task '" + t + "' is finite and >= 0 " + when + ", got " + v));
    }

    /**
     * Checks one task's non-graph contract on a small image: {@code encodeLabels} fills labels and a 0/1 mask,
     * {@code decode} keeps the size, the metric accepts a prediction and reports its {@link TaskProvider#primaryMetric},
     * {@code render} draws a picture of the image's size, and the loss passes a double-precision gradient check.
     *
     * @param task the task
     * @param given its config; its options are checked against {@link TaskProvider#options()} and completed with
     *              the defaults, as the config loader does
     * @param target a valid decoded target ({@code c × h × w}) in the task's conventions
     */
    public static void assertTaskContract(TaskProvider task, TaskConfig given, DenseMap target) {
        TaskConfig config = new TaskConfig(given.weight(), OptionSpec.resolve(task.options(), given.options()));
        int c = task.outputChannels(config);
        Check.isTrue(c > 0, "outputChannels must be positive");
        int h = target.height();
        int w = target.width();
        float[] labels = new float[c * h * w];
        float[] mask = new float[h * w];
        task.encodeLabels(target.data(), 1, h, w, config, labels, mask);
        for (float m : mask) {
            Check.isTrue(m == 0 || m == 1, "mask values are 0 or 1, got " + m);
        }
        for (float l : labels) {
            Check.isTrue(Float.isFinite(l), "labels are finite");
        }
        Random r = new Random(3);
        float[] act = new float[c * h * w];
        for (int i = 0; i < act.length; i++) {
            act[i] = r.nextFloat();
        }
        DenseMap decoded = task.decode(new DenseMap(c, h, w, act));
        Check.equal(h, decoded.height(), "decode keeps the height");
        Check.equal(w, decoded.width(), "decode keeps the width");
        DenseMetric metric = task.metric(config, new EvalConfig("float", 0.011, true));
        metric.update(decoded, target);
        Map<String, Double> results = metric.results();
        Check.isTrue(results.containsKey(task.primaryMetric()), "metric results " + results.keySet() + " contain the "
                + "primary metric '" + task.primaryMetric() + "'");
        Picture p = task.render(decoded, config, null);
        Check.notNull(p, "render returns a picture");
        Check.equal(w, p.image().getWidth(), "picture width");
        Check.equal(h, p.image().getHeight(), "picture height");
        assertLossGradients(task.loss(config), task.activation(), c, labels, mask, h * w);
    }

    /**
     * Compares a {@link PixelLoss}'s {@code computeGradient} with central differences of its score, in double
     * precision, on one image's labels (rows = pixels); fails above a relative error of 1e-5.
     *
     * @param labels {@code c × pixels} labels as {@code encodeLabels} writes them (channel-major)
     * @param mask one value per pixel
     */
    public static void assertLossGradients(PixelLoss loss, Activation activation, int c, float[] labels,
                                           float[] mask, int pixels) {
        GradientContracts.assertLossGradients(loss, activation, c, labels, mask, pixels);
    }

    /**
     * Gradient-checks a custom vertex in double precision: a small graph feeds it {@code channels.length} inputs,
     * each a 1×1 convolution (tanh or sigmoid) of one shared input of 6×8 pixels, and ends in a 1×1 convolution and an
     * MSE loss, so the check covers the vertex's backward pass with respect to every input; then checks that a
     * save/load keeps its output.
     *
     * @param vertex the vertex configuration
     * @param channels the channel count of each input (all 6×8)
     */
    public static void assertVertexGradients(GraphVertex vertex, int... channels) {
        int[][] shapes = new int[channels.length][];
        for (int i = 0; i < channels.length; i++) {
            shapes[i] = new int[] {channels[i], 6, 8};
        }
        assertVertexGradients(vertex, shapes);
    }

    /**
     * As {@link #assertVertexGradients(GraphVertex, int...)} with each input's {@code {channels, height, width}}:
     * 6×8 inputs are 1×1 convolutions of the shared 6×8 input, 1×1 inputs are 1×1 convolutions of its global average
     * (e.g. the gates of a channel-attention vertex).
     */
    public static void assertVertexGradients(GraphVertex vertex, int[][] inputs) {
        GradientContracts.assertVertexGradients(vertex, inputs);
    }

    /**
     * Exports {@code model} to ONNX and checks with ONNX Runtime that every task output equals DL4J's within
     * {@link OnnxVerifier#DEFAULT_TOLERANCE} on two random batches: for components that implement the export hook
     * ({@link org.hirmtl.api.OnnxExportable}) or use only built-in layers.
     *
     * @return the largest absolute difference seen
     */
    public static double assertOnnxExportMatches(ContractModel built) {
        HirMtlModel model = built.model();
        OnnxExport export = OnnxExporter.export(model, Normalisation.IMAGENET);
        Check.equal(model.tasks(), export.outputs(), "one ONNX output per task, in task order");
        double worst = 0;
        try (OnnxVerifier v = OnnxVerifier.open(model, Normalisation.IMAGENET, export.model())) {
            for (int n = 1; n <= 2; n++) {
                OnnxVerifier.Report r = v.verify(OnnxVerifier.randomImages(n, model.height(), model.width(), 17 + n),
                        n);
                Check.isTrue(r.passed(), "ONNX Runtime differs from DL4J:\n" + r.summary());
                worst = Math.max(worst, r.maxAbs());
            }
        }
        return worst;
    }

    /**
     * Saves with ModelSerializer and restores with {@code loader} as the context class loader, with the toolkit's engine
     * helpers installed as its checkpoints do ({@code OneDnn.installHelpers}).
     */
    public static ComputationGraph saveAndRestore(ComputationGraph graph, ClassLoader loader) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(graph, bytes, true);
            Thread.currentThread().setContextClassLoader(loader);
            ComputationGraph restored =
                    ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
            org.hirmtl.engine.OneDnn.installHelpers(restored); // as the toolkit's checkpoints restore a model
            return restored;
        } catch (IOException e) {
            throw Check.fail("save/load failed: " + e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void assertFinite(INDArray a, String what) {
        for (double v : a.dup().data().asDouble()) {
            if (!Double.isFinite(v)) {
                throw Check.fail(what + " has a non-finite value " + v);
            }
        }
    }
}
