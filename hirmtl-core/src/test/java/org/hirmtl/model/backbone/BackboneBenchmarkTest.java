package org.hirmtl.model.backbone;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.engine.OneDnn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints parameter counts and forward+backward time (batch 8, 128×160, oneDNN on) of narrow CPU configurations;
 * asserts nothing about time. The minimum of 7 runs is the figure to quote on a shared machine. Run with
 * {@code -Dhirmtl.bench=true}.
 */
@EnabledIfSystemProperty(named = "hirmtl.bench", matches = "true")
class BackboneBenchmarkTest {
    private static final int N = 8;
    private static final int H = 128;
    private static final int W = 160;
    private static final List<Integer> CPU_WIDTHS = List.of(16, 32, 64, 128);

    @BeforeAll
    static void engine() {
        OneDnn.enable();
    }

    @Test
    void printParametersOfStandardWidths() {
        for (BackboneFactory f : List.of(ResNetBackbone.resnet18(), ResNetBackbone.resnet34(), new HrNetBackbone())) {
            System.out.printf(Locale.ROOT, "backbone %s standard widths: %s%n", f.name(),
                    parameters(f, new BackboneConfig(f.name(), List.of(), Map.of())));
        }
    }

    @Test
    void printCostOfCpuConfigurations() {
        bench(ResNetBackbone.resnet18(), Map.of());
        bench(ResNetBackbone.resnet18(), Map.of("stem", "conv3"));
        bench(ResNetBackbone.resnet34(), Map.of());
        bench(new HrNetBackbone(), Map.of());
        bench(new HrNetBackbone(), Map.of("upsample", "bilinear"));
        bench(new HrNetBackbone(), Map.of("stem_width", 64));
        bench(new HrNetBackbone(), Map.of("modules", List.of(1, 3, 2), "blocks", 2, "stage1_blocks", 2));
    }

    private static void bench(BackboneFactory factory, Map<String, Object> options) {
        BackboneConfig config = new BackboneConfig(factory.name(), CPU_WIDTHS, options);
        ComputationGraph net = new ComputationGraph(BackboneGraphs.withLoss(factory, config, H, W).conf());
        net.init();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, N, 3, H, W);
        INDArray y = Nd4j.rand(DataType.FLOAT, N, BackboneGraphs.HEAD_OUT);
        double[] train = new double[7];
        double[] infer = new double[7];
        for (int i = -2; i < train.length; i++) {
            long t0 = System.nanoTime();
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            long t1 = System.nanoTime();
            net.output(false, x);
            long t2 = System.nanoTime();
            if (i >= 0) {
                train[i] = (t1 - t0) / 1e6;
                infer[i] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "backbone %s widths %s options %s: %s; batch %d at %dx%d: "
                + "forward+backward min %.0f ms (median %.0f), inference forward min %.0f ms (median %.0f)%n",
                factory.name(), CPU_WIDTHS, options, parameters(factory, config), N, H, W, min(train), median(train),
                min(infer), median(infer));
    }

    /** Parameters of the backbone alone. */
    private static String parameters(BackboneFactory factory, BackboneConfig config) {
        BackboneGraphs.Built built = BackboneGraphs.outputs(factory, config, H, W);
        ComputationGraph net = new ComputationGraph(built.conf());
        net.init();
        return String.format(Locale.ROOT, "%,d params", net.numParams());
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
