package org.hirmtl.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.hirmtl.api.OnnxExportable;
import org.hirmtl.api.onnx.OnnxGraph;
import org.hirmtl.model.HirMtlModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** The plugin path: a vertex with the hook exports through it; one without fails with an error naming it. */
class ExportHookOnnxTest {
    /** A plugin's vertex: DL4J's scale by 2, exported through the hook. */
    public static final class Twice extends ScaleVertex implements OnnxExportable {
        private static final long serialVersionUID = 1L;

        /** Scales by 2. */
        public Twice() {
            super(2.0);
        }

        @Override
        public Twice clone() {
            return new Twice();
        }

        @Override
        public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
            assertEquals("twice", graph.scope());
            assertEquals(List.of(-1L, 2L, 6L, 8L), java.util.Arrays.stream(graph.shape(inputs.get(0)).orElseThrow())
                    .boxed().toList());
            graph.node("Mul", List.of(inputs.get(0), graph.scalar("two", 2f)), List.of(output), Map.of());
        }
    }

    /** A plugin's vertex without the hook (a subclass of a built-in type is not taken for it). */
    public static final class Opaque extends ShiftVertex {
        private static final long serialVersionUID = 1L;

        /** Shifts by 1. */
        public Opaque() {
            super(1.0);
        }

        @Override
        public Opaque clone() {
            return new Opaque();
        }
    }

    /** A hook that forgets to write its output. */
    public static final class Forgetful extends ScaleVertex implements OnnxExportable {
        private static final long serialVersionUID = 1L;

        /** Scales by 1. */
        public Forgetful() {
            super(1.0);
        }

        @Override
        public Forgetful clone() {
            return new Forgetful();
        }

        @Override
        public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
            graph.node("Relu", inputs.get(0));
        }
    }

    /** A hook that reads a tensor that does not exist. */
    public static final class Broken extends ScaleVertex implements OnnxExportable {
        private static final long serialVersionUID = 1L;

        /** Scales by 1. */
        public Broken() {
            super(1.0);
        }

        @Override
        public Broken clone() {
            return new Broken();
        }

        @Override
        public void toOnnx(OnnxGraph graph, List<String> inputs, String output) {
            graph.node("Relu", List.of("nowhere"), List.of(output), Map.of());
        }
    }

    private static HirMtlModel with(org.deeplearning4j.nn.conf.graph.GraphVertex vertex) {
        return OnnxTesting.graph(6, 8, (g, image) -> List.of(
                g.vertex("twice", vertex, 2, 1, g.conv("conv", image, 2, 3, Activation.TANH))));
    }

    @Test
    void aVertexWithTheHookIsExportedThroughIt() {
        HirMtlModel m = with(new Twice());
        OnnxTesting.assertMatchesDl4j(m);
        assertTrue(OnnxExporter.export(m, OnnxTesting.NORM).model().getGraph().getNodeList().stream()
                .anyMatch(n -> n.getName().equals("twice/Mul")));
    }

    @Test
    void aVertexWithoutTheHookIsNamedInTheError() {
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExporter.export(with(new Opaque()), OnnxTesting.NORM));
        assertEquals("cannot export vertex 'twice' (" + Opaque.class.getName() + "): it does not implement "
                + "org.hirmtl.api.OnnxExportable", e.getMessage());
    }

    @Test
    void hooksThatBreakTheGraphAreNamed() {
        OnnxExportException forgot = assertThrows(OnnxExportException.class,
                () -> OnnxExporter.export(with(new Forgetful()), OnnxTesting.NORM));
        assertTrue(forgot.getMessage().contains("'twice' did not write its output tensor 'twice'"),
                forgot.getMessage());
        OnnxExportException broken = assertThrows(OnnxExportException.class,
                () -> OnnxExporter.export(with(new Broken()), OnnxTesting.NORM));
        assertTrue(broken.getMessage().startsWith("cannot export vertex 'twice' (" + Broken.class.getName()
                + "): its ONNX export hook failed: Relu node in 'twice': input tensor 'nowhere' does not exist"),
                broken.getMessage());
    }

    @Test
    void unknownLayersAndUnmappedSettingsAreNamed() {
        HirMtlModel lrn = OnnxTesting.graph(6, 8, (g, image) -> List.of(
                g.layer("norm", new LocalResponseNormalization.Builder().build(), 3, 1, image)));
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExporter.export(lrn, OnnxTesting.NORM));
        assertEquals("cannot export vertex 'norm' (" + LocalResponseNormalization.class.getName()
                + "): it does not implement org.hirmtl.api.OnnxExportable", e.getMessage());

        HirMtlModel pnorm = OnnxTesting.graph(6, 8, (g, image) -> List.of(g.layer("pool",
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.PNORM).pnorm(2).kernelSize(2, 2).stride(2, 2)
                        .build(),
                3, 1, image)));
        e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(pnorm, OnnxTesting.NORM));
        assertTrue(e.getMessage().startsWith("cannot export vertex 'pool' (" + SubsamplingLayer.class.getName()
                + "): PNORM pooling has no ONNX mapping"), e.getMessage());

        HirMtlModel softmax = OnnxTesting.graph(6, 8, (g, image) -> List.of(g.layer("conv",
                new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.SOFTMAX).build(), 3, 1, image)));
        e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(softmax, OnnxTesting.NORM));
        assertTrue(e.getMessage().contains("'conv'") && e.getMessage().contains("softmax"), e.getMessage());
    }
}
