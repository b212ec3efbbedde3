package org.hirmtl.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.engine.OneDnn;
import org.hirmtl.infer.OnnxVerifier;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.OutputSpec;
import org.hirmtl.model.graph.GraphContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Tiny models for export tests, and the check that ONNX Runtime reproduces DL4J on them. */
final class OnnxTesting {
    /** Not ImageNet's, so that a wrong channel order or a skipped normalisation shows. */
    static final Normalisation NORM = new Normalisation(new double[] {0.4, 0.5, 0.6}, new double[] {0.2, 0.25, 0.3});

    private OnnxTesting() {
    }

    /** The full HirMTL model from the built-in defaults at 32×64, narrow, all five tasks, plus {@code overrides}. */
    static HirMtlModel hirmtl(String... overrides) {
        List<String> o = new ArrayList<>(List.of("data.image_size=32x64", "model.backbone.widths=[8,8,16,16]",
                "model.stf.channels=8", "model.head.channels=8"));
        o.addAll(List.of(overrides));
        HirMtlModel m = new ModelBuilder(BuiltinComponents.registries()).build(new ConfigLoader(BuiltinComponents.registries()).loadDefaults(o).config(),
                10);
        randomiseStatistics(m.graph(), m.height(), m.width(), 7);
        return m;
    }

    /**
     * A graph on a 3-channel {@code h×w} input named {@code image}, built by {@code body}; every handle it returns is a
     * final output whose task name is its vertex name.
     */
    static HirMtlModel graph(int h, int w, BiFunction<GraphContext, Handle, List<Handle>> body) {
        OneDnn.enable();
        GraphBuilder b = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).graphBuilder();
        GraphContext g = new GraphContext(b);
        List<Handle> outs = body.apply(g, g.input("image", 3));
        b.setOutputs(outs.stream().map(Handle::node).toArray(String[]::new));
        b.setInputTypes(InputType.convolutional(h, w, 3));
        ComputationGraph cg = new ComputationGraph(b.build());
        cg.init();
        randomiseStatistics(cg, h, w, 11);
        List<OutputSpec> specs = outs.stream().map(o -> new OutputSpec(o.node(), o.node(), false, 1)).toList();
        return new HirMtlModel(cg, specs.stream().map(OutputSpec::task).toList(), specs, h, w);
    }

    /**
     * Makes the parameters look trained enough for a meaningful comparison: γ, β and biases random (away from 1 and
     * 0), and each batch norm's running mean and variance set to the statistics of its input on a random batch — as
     * training would, so activations stay of order 1. (With the initial statistics, and the
     * ReLU that DL4J does not apply after batch norms, activations reach ~1e3 in a few blocks, where float32's
     * resolution alone exceeds the 1e-4 tolerance.)
     */
    static void randomiseStatistics(ComputationGraph graph, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (GraphVertex v : graph.getVertices()) {
            Map<String, INDArray> params = v.paramTable(false);
            if (params != null) {
                params.forEach((key, p) -> {
                    switch (key) {
                        case "beta", "b" -> p.assign(uniform(r, p, -0.3, 0.3));
                        case "gamma" -> p.assign(uniform(r, p, 0.5, 1.5));
                        default -> { }
                    }
                });
            }
        }
        calibrateBatchNorms(graph, h, w, seed);
    }

    /**
     * One training-mode pass (batch norms use the batch's statistics), then each batch norm's running statistics set
     * to those of its input in that pass: inference on the same batch then computes the same activations.
     */
    private static void calibrateBatchNorms(ComputationGraph graph, int h, int w, long seed) {
        var conf = graph.getConfiguration();
        float[] images = OnnxVerifier.randomImages(4, h, w, seed);
        NORM.apply(images, h * w);
        Map<String, INDArray> acts = graph.feedForward(Nd4j.create(images, new long[] {4, 3, h, w}, 'c'), true);
        for (GraphVertex v : graph.getVertices()) {
            if (!v.hasLayer() || !(v.getLayer().conf().getLayer() instanceof BatchNormalization bn)) {
                continue;
            }
            INDArray before = acts.get(conf.getVertexInputs().get(v.getVertexName()).get(0));
            INDArray mean = before.mean(0, 2, 3);
            INDArray var = Transforms.max(before.var(false, 0, 2, 3), 0.01); // a trained net sees more data
            v.getLayer().setParam("mean", mean.reshape(v.getLayer().getParam("mean").shape()));
            if (bn.isUseLogStd()) {
                INDArray log10Std = Transforms.log(Transforms.sqrt(var), 10.0);
                v.getLayer().setParam("log10stdev", log10Std.reshape(v.getLayer().getParam("log10stdev").shape()));
            } else {
                v.getLayer().setParam("var", var.reshape(v.getLayer().getParam("var").shape()));
            }
        }
    }

    private static INDArray uniform(SplittableRandom r, INDArray like, double lo, double hi) {
        double[] v = new double[(int) like.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Nd4j.create(v, like.shape(), 'c').castTo(like.dataType());
    }

    /**
     * Exports at every supported opset (11 and 13), checks the output names, and compares with DL4J on random
     * batches of 1 and 2 images.
     */
    static double assertMatchesDl4j(HirMtlModel model) {
        double worst = 0;
        for (int opset : OnnxExporter.OPSETS) {
            worst = Math.max(worst, assertMatchesDl4j(model, opset));
        }
        return worst;
    }

    /** As {@link #assertMatchesDl4j(HirMtlModel)} at one opset. */
    static double assertMatchesDl4j(HirMtlModel model, int opset) {
        OnnxExport export = OnnxExporter.export(model, NORM, opset);
        assertEquals(opset, export.model().getOpsetImport(0).getVersion());
        assertEquals(model.tasks(), export.outputs());
        double worst = 0;
        try (OnnxVerifier v = OnnxVerifier.open(model, NORM, export.model())) {
            for (int n = 1; n <= 2; n++) {
                OnnxVerifier.Report r = v.verify(OnnxVerifier.randomImages(n, model.height(), model.width(), 40 + n),
                        n);
                System.out.print("opset " + opset + ", batch " + n + ", " + export.nodeCount() + " nodes:\n"
                        + r.summary());
                for (OnnxVerifier.OutputDiff d : r.outputs()) {
                    if (!d.passed()) {
                        assertConditionedMatch(model, v, d.name(), n);
                    }
                }
                assertEquals(model.tasks(), r.outputs().stream().map(OnnxVerifier.OutputDiff::name).toList());
                worst = Math.max(worst, r.outputs().stream().filter(OnnxVerifier.OutputDiff::passed)
                        .mapToDouble(OnnxVerifier.OutputDiff::maxAbs).max().orElse(0));
            }
        }
        return worst;
    }

    /**
     * A unit-normalised output (normals) amplifies float32 differences upstream by 1/|v| where the vector v before
     * normalisation is short; untrained test models have such pixels. Such an output must match within the tolerance
     * wherever DL4J's |v| ≥ {@value #WELL_CONDITIONED}, and at most 2% of its pixels may be shorter (measured: a
     * difference of 8e-6 before normalisation became 1.3e-4 after it at |v| = 0.067).
     */
    private static void assertConditionedMatch(HirMtlModel model, OnnxVerifier v, String task, int n) {
        String pre = preNormalisation(model, task);
        assertTrue(pre != null, "output '" + task + "' exceeds the tolerance and is not unit-normalised");
        float[] images = OnnxVerifier.randomImages(n, model.height(), model.width(), 40 + n);
        float[] onnx = v.runOnnx(images, n).get(task);
        float[] dl4j = v.runDl4j(images, n).get(task);
        float[] x = images.clone();
        NORM.apply(x, model.height() * model.width());
        INDArray before = model.graph().feedForward(Nd4j.create(x, new long[] {n, 3, model.height(), model.width()},
                'c'), false).get(pre);
        INDArray norms = Transforms.sqrt(before.mul(before).sum(1)).reshape(-1);
        int plane = model.height() * model.width();
        int c = (int) before.size(1);
        int excluded = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                if (norms.getDouble((long) i * plane + p) < WELL_CONDITIONED) {
                    excluded++;
                    continue;
                }
                for (int k = 0; k < c; k++) {
                    int at = (i * c + k) * plane + p;
                    worst = Math.max(worst, Math.abs(onnx[at] - dl4j[at]));
                }
            }
        }
        System.out.printf("%s: max|diff| %.3g where |v| >= %s; %d of %d pixels shorter%n", task, worst,
                WELL_CONDITIONED, excluded, n * plane);
        assertTrue(worst <= OnnxVerifier.DEFAULT_TOLERANCE, task + ": max|diff| " + worst + " on well-conditioned "
                + "pixels");
        assertTrue(excluded <= 0.02 * n * plane, task + ": " + excluded + " ill-conditioned pixels");
    }

    static final double WELL_CONDITIONED = 0.1;

    private static String preNormalisation(HirMtlModel model, String task) {
        var conf = model.graph().getConfiguration();
        String at = model.finalOutput(task).name();
        for (int step = 0; step < 4 && at != null; step++) {
            if (conf.getVertices().get(at) instanceof org.hirmtl.model.vertices.ChannelL2NormalizeVertex) {
                return conf.getVertexInputs().get(at).get(0);
            }
            List<String> in = conf.getVertexInputs().get(at);
            at = in == null || in.size() != 1 ? null : in.get(0);
        }
        return null;
    }
}
