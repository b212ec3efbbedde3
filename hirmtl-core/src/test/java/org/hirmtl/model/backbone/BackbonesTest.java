package org.hirmtl.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.hirmtl.api.graph.FeatureSpec;
import org.hirmtl.api.graph.Handle;
import org.hirmtl.engine.OneDnn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Contract tests over the built-in backbones: declared features match the built handles and DL4J's own shape
 * inference, a forward pass gives finite maps of the declared shapes, the configuration survives JSON, a training
 * step changes parameters without NaN, and bad widths or options fail with the config key in the message.
 */
class BackbonesTest {
    private static final List<Integer> SMALL = List.of(8, 8, 16, 16);

    @BeforeAll
    static void engine() {
        OneDnn.enable();
    }

    /** Every backbone with its standard widths and with narrow ones. */
    static Stream<Arguments> declarations() {
        List<Arguments> all = new ArrayList<>();
        for (BackboneFactory f : factories()) {
            all.add(Arguments.of(f, config(f, List.of(), Map.of())));
            all.add(Arguments.of(f, config(f, SMALL, Map.of())));
            all.add(Arguments.of(f, config(f, List.of(16, 24, 40, 64), Map.of())));
        }
        return all.stream();
    }

    /** Small configurations that are run, including non-default options. */
    static Stream<Arguments> runnable() {
        return Stream.of(
                Arguments.of(ResNetBackbone.resnet18(), config("resnet18", SMALL, Map.of())),
                Arguments.of(ResNetBackbone.resnet18(), config("resnet18", SMALL, Map.of("stem", "conv3"))),
                Arguments.of(ResNetBackbone.resnet34(), config("resnet34", SMALL, Map.of())),
                Arguments.of(new HrNetBackbone(), config("hrnet", SMALL, Map.of())),
                Arguments.of(new HrNetBackbone(), config("hrnet", SMALL, Map.of("upsample", "bilinear"))),
                Arguments.of(new HrNetBackbone(), config("hrnet", SMALL,
                        Map.of("modules", List.of(1, 2, 1), "blocks", 2, "stage1_blocks", 2, "stem_width", 16))));
    }

    @ParameterizedTest
    @MethodSource("declarations")
    void builtHandlesMatchDeclaredFeatures(BackboneFactory factory, BackboneConfig config) {
        List<FeatureSpec> declared = factory.features(config);
        BackboneGraphs.Built built = BackboneGraphs.outputs(factory, config, 64, 64);
        assertEquals(List.of(4, 8, 16, 32), declared.stream().map(FeatureSpec::stride).toList());
        if (!config.widths().isEmpty()) {
            assertEquals(config.widths(), declared.stream().map(FeatureSpec::channels).toList());
        }
        assertEquals(declared, built.handles().stream().map(h -> new FeatureSpec(h.channels(), h.stride())).toList());

        Map<String, InputType> types = built.conf().getLayerActivationTypes(InputType.convolutional(64, 64, 3));
        for (Handle h : built.handles()) {
            InputType.InputTypeConvolutional t = (InputType.InputTypeConvolutional) types.get(h.node());
            assertEquals(h.channels(), t.getChannels(), h.node());
            assertEquals(64 / h.stride(), t.getHeight(), h.node());
            assertEquals(64 / h.stride(), t.getWidth(), h.node());
        }
    }

    @ParameterizedTest
    @MethodSource("runnable")
    void forwardGivesFiniteMapsOfDeclaredShapes(BackboneFactory factory, BackboneConfig config) {
        BackboneGraphs.Built built = BackboneGraphs.outputs(factory, config, 64, 64);
        ComputationGraph net = new ComputationGraph(built.conf());
        net.init();
        INDArray[] out = net.output(false, Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64));
        List<FeatureSpec> declared = factory.features(config);
        assertEquals(declared.size(), out.length);
        for (int i = 0; i < out.length; i++) {
            FeatureSpec s = declared.get(i);
            assertArrayEquals(new long[] {2, s.channels(), 64 / s.stride(), 64 / s.stride()}, out[i].shape(),
                    Arrays.toString(out[i].shape()));
            assertTrue(finite(out[i]), "output " + i + " not finite");
            assertTrue(out[i].minNumber().doubleValue() >= 0, "outputs end with a ReLU");
        }
    }

    @ParameterizedTest
    @MethodSource("runnable")
    void configurationSurvivesJson(BackboneFactory factory, BackboneConfig config) {
        ComputationGraphConfiguration conf = BackboneGraphs.outputs(factory, config, 64, 64).conf();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @ParameterizedTest
    @MethodSource("runnable")
    void trainingStepChangesParametersWithoutNaN(BackboneFactory factory, BackboneConfig config) {
        BackboneGraphs.Built built = BackboneGraphs.withLoss(factory, config, 64, 64);
        ComputationGraph net = new ComputationGraph(built.conf());
        net.init();
        Nd4j.getRandom().setSeed(3);
        MultiDataSet batch = new MultiDataSet(Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64),
                Nd4j.rand(DataType.FLOAT, 2, BackboneGraphs.HEAD_OUT));
        Map<String, INDArray> before = new HashMap<>();
        for (Layer l : net.getLayers()) {
            if (l.numParams() > 0) {
                before.put(l.getConfig().getLayerName(), l.params().dup());
            }
        }
        net.fit(batch);
        net.fit(batch);
        assertTrue(Double.isFinite(net.score()), "score " + net.score());
        assertTrue(finite(net.params()), "parameters became NaN/inf");
        for (Map.Entry<String, INDArray> e : before.entrySet()) {
            boolean changed = !e.getValue().equals(net.getLayer(e.getKey()).params());
            assertTrue(changed, e.getKey() + " did not change");
        }
    }

    private static boolean finite(INDArray a) {
        return !a.isNaN().any() && !a.isInfinite().any();
    }

    private static List<BackboneFactory> factories() {
        return List.of(ResNetBackbone.resnet18(), ResNetBackbone.resnet34(), new HrNetBackbone());
    }

    private static BackboneConfig config(BackboneFactory f, List<Integer> widths, Map<String, Object> options) {
        return config(f.name(), widths, options);
    }

    private static BackboneConfig config(String type, List<Integer> widths, Map<String, Object> options) {
        return new BackboneConfig(type, widths, options);
    }
}
