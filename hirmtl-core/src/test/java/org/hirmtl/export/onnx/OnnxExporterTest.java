package org.hirmtl.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import onnx.Onnx.ModelProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;
import org.hirmtl.infer.OnnxVerifier;
import org.hirmtl.model.HirMtlModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole HirMTL models: ONNX Runtime reproduces DL4J's final outputs, and the file follows the conventions. */
class OnnxExporterTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultModelMatchesDl4jForEveryTask() {
        HirMtlModel m = OnnxTesting.hirmtl();
        assertEquals(List.of("semseg", "depth", "normals", "edge", "saliency"), m.tasks());
        assertTrue(m.outputs().stream().anyMatch(o -> o.auxiliary()), "deep supervision is on by default");
        OnnxTesting.assertMatchesDl4j(m);
    }

    @Test
    void conventionsOfTheExportedModel() {
        HirMtlModel m = OnnxTesting.hirmtl();
        OnnxExport e = OnnxExporter.export(m, OnnxTesting.NORM);
        ModelProto p = e.model();
        assertEquals(13, e.opset());
        assertEquals(13, p.getOpsetImport(0).getVersion());
        assertEquals("", p.getOpsetImport(0).getDomain());
        assertEquals(7, p.getIrVersion());
        assertEquals("hirmtl", p.getProducerName());
        assertEquals(1, p.getGraph().getInputCount());
        assertEquals("image", p.getGraph().getInput(0).getName());
        assertEquals("N,3,32,64", dims(p.getGraph().getInput(0)));
        assertEquals(m.tasks(), p.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("N,8,32,64", "N,1,32,64", "N,3,32,64", "N,1,32,64", "N,1,32,64"),
                p.getGraph().getOutputList().stream().map(OnnxExporterTest::dims).toList());
        assertEquals(e.nodeCount(), p.getGraph().getNodeCount());
        assertTrue(p.getGraph().getNodeList().stream().noneMatch(n -> n.getName().contains("/aux/")),
                "deep-supervision branches are pruned");
        Map<String, String> meta = p.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("semseg,depth,normals,edge,saliency", meta.get("hirmtl.tasks"));
        assertEquals("0.4,0.5,0.6", meta.get("hirmtl.normalisation.mean"));
        assertEquals("Sub", p.getGraph().getNode(0).getOpType());
        assertEquals("Div", p.getGraph().getNode(1).getOpType());
        System.out.println("ops: " + p.getGraph().getNodeList().stream().map(n -> n.getOpType()).distinct().sorted()
                .toList() + "; warnings: " + e.warnings().size());
    }

    @Test
    void writesAtomicallyAndTheFileVerifies() throws Exception {
        // Depth and edge: with normals, this random-weight model at 32x64 has one pixel where the two engines'
        // float32 summation orders differ by 6e-4 after L2 normalisation (seen when the upsampling became
        // BilinearUpsampleVertex, whose own export matches ONNX Runtime to 1e-7); normals are verified by
        // variantsMatchDl4j and the full default model.
        HirMtlModel m = OnnxTesting.hirmtl("tasks=[depth, edge]");
        OnnxExport e = OnnxExporter.export(m, OnnxTesting.NORM);
        Path f = tmp.resolve("sub/model.onnx");
        OnnxExporter.write(e.model(), f);
        OnnxExporter.write(e.model(), f); // replaces
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList(), "no temporary file left behind");
        }
        assertEquals(e.model(), ModelProto.parseFrom(Files.readAllBytes(f)));
        try (OnnxVerifier v = OnnxVerifier.open(m, OnnxTesting.NORM, f)) {
            OnnxVerifier.Report r = v.verify(OnnxVerifier.randomImages(2, 32, 64, 5), 2);
            assertTrue(r.passed(), r.summary());
            assertEquals(List.of("depth", "edge"), List.copyOf(v.runOnnx(new float[3 * 32 * 64], 1).keySet()));
        }
    }

    @Test
    void exportIsDeterministic() {
        HirMtlModel m = OnnxTesting.hirmtl("tasks=[semseg, edge]", "tasks.semseg.options.classes=5");
        assertTrue(java.util.Arrays.equals(OnnxExporter.export(m, OnnxTesting.NORM).bytes(),
                OnnxExporter.export(m, OnnxTesting.NORM).bytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "model.backbone.type=hrnet|model.fusion.type=mean|model.exchange.type=none",
        "model.backbone.type=hrnet|model.backbone.options.upsample=bilinear|model.stf.deep_supervision=false",
        "model.backbone.options.stem=conv3|model.stf.enabled=false|tasks=[semseg, saliency]|tasks.semseg.options.classes=3",
        "tasks=[normals]"})
    void variantsMatchDl4j(String overrides) {
        OnnxTesting.assertMatchesDl4j(OnnxTesting.hirmtl(overrides.split("\\|")));
    }

    @Test
    void theVerifierReportsADifference() {
        HirMtlModel m = OnnxTesting.hirmtl("tasks=[depth]");
        OnnxExport e = OnnxExporter.export(m, new org.hirmtl.model.Normalisation(new double[] {0.4, 0.5, 0.61},
                new double[] {0.2, 0.25, 0.3}));
        try (OnnxVerifier v = OnnxVerifier.open(m, OnnxTesting.NORM, e.model())) {
            OnnxVerifier.Report r = v.verify(OnnxVerifier.randomImages(1, 32, 64, 9), 1);
            assertFalse(r.passed(), "a wrong normalisation must show: " + r.summary());
            assertTrue(r.summary().contains("FAILED"), r.summary());
        }
    }

    private static String dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_PARAM ? d.getDimParam()
                        : Long.toString(d.getDimValue()))
                .collect(Collectors.joining(","));
    }
}
