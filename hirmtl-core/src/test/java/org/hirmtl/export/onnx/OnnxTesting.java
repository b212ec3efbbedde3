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
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.engine.OneDnn;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.ModelBuilder;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.OutputSpec;
import org.hirmtl.model.graph.GraphContext;
import org.hirmtl.model.graph.Handle;
import org.hirmtl.registry.Components;
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
        HirMtlModel m = new ModelBuilder(Components.withBuiltins()).build(new ConfigLoader().loadDefaults(o).config(),
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

    /** Exports, checks the output names, and compares with DL4J on random batches of 1 and 2 images. */
    static double assertMatchesDl4j(HirMtlModel model) {
        OnnxExport export = OnnxExporter.export(model, NORM);
        assertEquals(model.tasks(), export.outputs());
        double worst = 0;
        try (OnnxVerifier v = OnnxVerifier.open(model, NORM, export.model())) {
            for (int n = 1; n <= 2; n++) {
                OnnxVerifier.Report r = v.verify(OnnxVerifier.randomImages(n, model.height(), model.width(), 40 + n),
                        n);
                System.out.print("batch " + n + ", " + export.nodeCount() + " nodes:\n" + r.summary());
                assertTrue(r.passed(), r.summary());
                assertEquals(model.tasks(), r.outputs().stream().map(OnnxVerifier.OutputDiff::name).toList());
                worst = Math.max(worst, r.maxAbs());
            }
        }
        return worst;
    }
}
