package org.hirmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hirmtl eval}: table and JSON reports, delta_m against a baseline, gates with exit 3, clear exit-2 errors. */
class EvalCommandTest {
    @TempDir
    static Path tmp;
    static Path run;
    static Path single;

    private static Cli train(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("-q", "train", "--epochs", "1", "--out", out.toString(),
                "--set", "data.root=" + tmp.resolve("synth"), "--set", "data.image_size=64x64",
                "--set", "data.synth.size=64x64", "--set", "data.synth.train=8", "--set", "data.synth.val=4",
                "--set", "data.synth.classes=6", "--set", "tasks.semseg.options.classes=6",
                "--set", "model.backbone.widths=[8,8,16,16]", "--set", "model.stf.channels=8",
                "--set", "model.head.channels=8", "--set", "train.batch_size=4"));
        a.addAll(Arrays.asList(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    @BeforeAll
    static void runs() {
        run = tmp.resolve("run");
        single = tmp.resolve("single");
        assertEquals(0, train(run).code());
        assertEquals(0, train(single, "--tasks", "depth").code());
    }

    @Test
    void printsEveryMetricAndWritesAStableJsonReport() throws Exception {
        Cli r = Cli.run("-q", "eval", "--checkpoint", run.toString());
        assertEquals(0, r.code(), r.toString());
        for (String m : new String[] {"semseg.miou", "depth.rmse", "normals.mean", "edge.odsf", "saliency.maxf"}) {
            assertTrue(r.out().contains(m), m + " in " + r.out());
        }
        Path json = tmp.resolve("report.json");
        Cli j = Cli.run("-q", "eval", "--checkpoint", run.resolve("best.zip").toString(), "--format", "json",
                "--out", json.toString());
        assertEquals(0, j.code(), j.toString());
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        assertEquals("hirmtl-eval/1", rep.path("schema").asText());
        assertEquals("lower", rep.path("metrics").path("depth.rmse").path("direction").asText());
        assertEquals(4, rep.path("dataset").path("images").asInt());
        assertEquals("original", rep.path("protocol").path("resolution").asText());
        assertTrue(rep.path("checkpoint").path("provenance").has("git_commit"));
        assertEquals("float", rep.path("protocol").path("normals").asText());
        Cli png = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--format", "json", "--normals-protocol",
                "png8", "--edge-max-dist", "0.0075");
        assertEquals(0, png.code(), png.toString());
        JsonNode p8 = new ObjectMapper().readTree(png.out());
        assertEquals("png8", p8.path("protocol").path("normals").asText());
        assertEquals(0.0075, p8.path("protocol").path("edge_max_dist").asDouble());
    }

    @Test
    void theEngineIsChosenAndNamed() throws Exception {
        Cli auto = Cli.run("eval", "--checkpoint", run.toString(), "--format", "json");
        assertEquals(0, auto.code(), auto.toString());
        JsonNode a = new ObjectMapper().readTree(auto.out());
        assertEquals("onnxruntime", a.path("engine").path("name").asText());
        assertTrue(auto.err().contains("hirmtl: evaluated on onnxruntime "), auto.err());
        Cli dl4j = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--format", "json", "--engine", "dl4j");
        assertEquals(0, dl4j.code(), dl4j.toString());
        JsonNode d = new ObjectMapper().readTree(dl4j.out());
        assertEquals("dl4j", d.path("engine").path("name").asText());
        a.path("metrics").fields().forEachRemaining(m -> assertEquals(m.getValue().path("value").asDouble(),
                d.path("metrics").path(m.getKey()).path("value").asDouble(), 1e-4, m.getKey()));
        Cli bad = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--engine", "ort");
        assertEquals(2, bad.code(), bad.toString());
        assertEquals("hirmtl: error: --engine: unknown engine 'ort' (known: auto, onnxruntime, dl4j)",
                bad.err().strip());
    }

    @Test
    void savesEveryPredictionAtTheOriginalSize() throws Exception {
        Path pred = tmp.resolve("pred");
        Cli r = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--save-predictions", pred.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(64, org.hirmtl.data.io.Npy.readMap(pred.resolve("depth/00009.npy")).width());
        assertEquals(3, org.hirmtl.data.io.Npy.readMap(pred.resolve("normals/00008.npy")).channels());
        assertEquals(6, org.hirmtl.data.io.Npy.readMap(pred.resolve("semseg/00011.npy")).channels());
        try (var s = Files.list(pred.resolve("edge"))) {
            assertEquals(4, s.count());
        }
    }

    @Test
    void aFailingGateExitsThreeAndStillWritesTheJson() throws Exception {
        Path json = tmp.resolve("gate.json");
        Cli r = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--fail-under", "semseg.miou=0.99",
                "--fail-over", "depth.rmse=100", "--out", json.toString());
        assertEquals(ExitCodes.GATE, r.code(), r.toString());
        assertTrue(r.err().contains("hirmtl: gate failed: semseg.miou = "), r.err());
        assertTrue(r.err().contains("is below 0.9900 by"), r.err());
        assertTrue(!r.err().contains("depth.rmse"), "the passing gate is not reported as failed: " + r.err());
        JsonNode gates = new ObjectMapper().readTree(json.toFile()).path("gates");
        assertEquals(2, gates.size());
        assertEquals(false, gates.get(0).path("passed").asBoolean());
        assertEquals(true, gates.get(1).path("passed").asBoolean());
    }

    @Test
    void deltaMAgainstASingleTaskBaseline() throws Exception {
        Path base = tmp.resolve("base");
        Files.createDirectories(base);
        assertEquals(0, Cli.run("-q", "eval", "--checkpoint", single.toString(), "--format", "json", "--out",
                base.resolve("depth.json").toString()).code());
        Cli depthOnly = Cli.run("-q", "eval", "--checkpoint", single.toString(), "--baseline", base.toString(),
                "--fail-under", "delta_m=-0.000001");
        assertEquals(0, depthOnly.code(), depthOnly.toString());
        assertTrue(depthOnly.out().contains("delta_m"), depthOnly.out());
        Cli missing = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--baseline", base.toString());
        assertEquals(ExitCodes.USAGE, missing.code(), missing.toString());
        assertEquals(1, missing.errLines(), missing.toString());
        assertTrue(missing.err().contains("baseline has no 'semseg.miou'"), missing.err());
    }

    @Test
    void aDatasetWithoutTheModelsTasksIsExitTwo() throws Exception {
        Path lacking = tmp.resolve("lacking");
        assertEquals(0, Cli.run("-q", "data", "synth", "--out", lacking.toString(), "--train", "2", "--val", "2",
                "--size", "64x64", "--classes", "6").code());
        try (var s = Files.walk(lacking.resolve("saliency"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Cli r = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--data", lacking.toString(), "--type",
                "nyud_mt");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("has no 'saliency' targets"), r.err());
    }

    @Test
    void perClassFiguresInEveryReportAndGatesAsJunitXml() throws Exception {
        Path json = tmp.resolve("classes.json");
        Path junit = tmp.resolve("gates.xml");
        Cli md = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--format", "markdown", "--out",
                json.toString(), "--junit", junit.toString(), "--fail-under", "semseg.miou=0.99", "--fail-over",
                "depth.rmse=100");
        assertEquals(ExitCodes.GATE, md.code(), md.toString());
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        JsonNode semseg = rep.path("per_class").path("semseg");
        assertEquals(6, semseg.path("classes").size(), rep.toString());
        assertEquals(6, semseg.path("iou").size());
        assertEquals("floor", semseg.path("classes").get(0).asText());
        double support = 0;
        double iouSum = 0;
        int present = 0;
        for (int c = 0; c < 6; c++) {
            support += semseg.path("support").get(c).asDouble();
            if (!semseg.path("iou").get(c).isNull()) {
                iouSum += semseg.path("iou").get(c).asDouble();
                present++;
            }
        }
        assertEquals(4 * 64 * 64, support, 4 * 64 * 64 * 0.5, "ground-truth pixels of 4 images (some ignored)");
        assertEquals(rep.path("metrics").path("semseg.miou").path("value").asDouble(), iouSum / present, 1e-12);
        assertTrue(md.out().contains("**semseg** per class"), md.out());
        assertTrue(md.out().contains("| floor | "), md.out());
        assertTrue(md.out().contains("| semseg.miou &ge; 0.9900 | "), md.out());
        assertTrue(md.out().contains("| **FAIL** |"), md.out());

        var schema = javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(EvalCommandTest.class.getResource("/junit/junit-report.xsd"));
        schema.newValidator().validate(new javax.xml.transform.stream.StreamSource(junit.toFile()));   // throws if not
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        var suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        var cases = suite.getElementsByTagName("testcase");
        assertEquals("semseg.miou >= 0.990000", ((org.w3c.dom.Element) cases.item(0)).getAttribute("name"));
        assertEquals(1, ((org.w3c.dom.Element) cases.item(0)).getElementsByTagName("failure").getLength());
        assertEquals(0, ((org.w3c.dom.Element) cases.item(1)).getElementsByTagName("failure").getLength());
        assertTrue(suite.getElementsByTagName("property").getLength() >= 5);

        for (int g = 0; g < 6; g++) {
            long row = 0;
            for (JsonNode v : semseg.path("confusion").get(g)) {
                row += v.asLong();
            }
            assertEquals(semseg.path("support").get(g).asDouble(), row, 0, "confusion row " + g + " = support");
        }
        Path plots = tmp.resolve("plots");
        assertEquals(0, Cli.run("-q", "eval", "--checkpoint", run.toString(), "--plots", plots.toString()).code());
        var picture = javax.imageio.ImageIO.read(plots.resolve("semseg_confusion.png").toFile());
        assertTrue(picture.getWidth() >= 480 && picture.getHeight() >= 480, "a confusion picture");
        Cli table = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--per-class");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().contains("semseg class") && table.out().contains("support"), table.out());
        Cli plain = Cli.run("-q", "eval", "--checkpoint", run.toString());
        assertTrue(!plain.out().contains("semseg class"), plain.out());
    }
    private static java.util.Map<String, Double> metrics(JsonNode rep) {
        java.util.Map<String, Double> m = new java.util.TreeMap<>();
        rep.path("metrics").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().path("value").asDouble()));
        return m;
    }

    /** MTI-Net's save_model_predictions layout, from the toolkit's own .npy predictions. */
    private static void writeMtiNetLayout(Path npy, Path out) throws Exception {
        for (String task : new String[] {"semseg", "depth", "normals", "edge", "saliency"}) {
            String folder = task.equals("saliency") ? "sal" : task;
            Files.createDirectories(out.resolve(folder));
            try (var files = Files.list(npy.resolve(task))) {
                for (Path f : files.toList()) {
                    String id = f.getFileName().toString().replace(".npy", "");
                    var m = org.hirmtl.data.io.Npy.readMap(f);
                    int h = m.height();
                    int w = m.width();
                    int n = h * w;
                    switch (task) {
                        case "semseg" -> {
                            int[] ids = new int[n];
                            for (int i = 0; i < n; i++) {
                                for (int c = 1; c < m.channels(); c++) {
                                    if (m.data()[c * n + i] > m.data()[ids[i] * n + i]) {
                                        ids[i] = c;
                                    }
                                }
                            }
                            org.hirmtl.data.io.Images.writeGray8(out.resolve(folder + "/" + id + ".png"), h, w, ids);
                        }
                        case "depth" -> {
                            var matrix = us.hebi.matlab.mat.format.Mat5.newMatrix(h, w);
                            for (int y = 0; y < h; y++) {
                                for (int x = 0; x < w; x++) {
                                    matrix.setDouble(y, x, m.data()[y * w + x]);
                                }
                            }
                            try (var mat = us.hebi.matlab.mat.format.Mat5.newMatFile().addArray("depth", matrix)) {
                                us.hebi.matlab.mat.format.Mat5.writeToFile(mat,
                                        out.resolve(folder + "/" + id + ".mat").toFile());
                            }
                        }
                        case "normals" -> {
                            var img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
                            for (int i = 0; i < n; i++) {
                                double nx = m.data()[i];
                                double ny = m.data()[n + i];
                                double nz = m.data()[2 * n + i];
                                double len = Math.max(1e-12, Math.sqrt(nx * nx + ny * ny + nz * nz));
                                int r = (int) ((nx / len + 1) * 255 / 2); // MTI-Net truncates (astype(np.uint8))
                                int g = (int) ((ny / len + 1) * 255 / 2);
                                int b = (int) ((nz / len + 1) * 255 / 2);
                                img.setRGB(i % w, i / w, (r << 16) | (g << 8) | b);
                            }
                            org.hirmtl.data.io.Images.writePng(out.resolve(folder + "/" + id + ".png"), img);
                        }
                        default -> {
                            int[] v = new int[n];
                            for (int i = 0; i < n; i++) {
                                v[i] = (int) (255 * m.data()[i]);
                            }
                            org.hirmtl.data.io.Images.writeGray8(out.resolve(folder + "/" + id + ".png"), h, w, v);
                        }
                    }
                }
            }
        }
    }

    @Test
    void scoresSavedPredictionsInTheToolkitsAndMtiNetsLayouts() throws Exception {
        Path npy = tmp.resolve("saved");
        Cli own = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--format", "json", "--save-predictions",
                npy.toString());
        assertEquals(0, own.code(), own.toString());
        var expected = metrics(new ObjectMapper().readTree(own.out()));

        Cli fromNpy = Cli.run("-q", "eval", "--predictions", npy.toString(), "--data", tmp.resolve("synth").toString(),
                "--format", "json");
        assertEquals(0, fromNpy.code(), fromNpy.toString());
        JsonNode rep = new ObjectMapper().readTree(fromNpy.out());
        assertEquals(expected, metrics(rep), "the same predictions give the same metrics");
        assertEquals("predictions", rep.path("engine").path("name").asText());
        assertEquals("semseg/*.npy", rep.path("predictions").path("files").path("semseg").asText());
        assertEquals(6, rep.path("per_class").path("semseg").path("classes").size(), "the dataset's classes");

        Path mti = tmp.resolve("mtinet");
        writeMtiNetLayout(npy, mti);
        Cli fromPng = Cli.run("-q", "eval", "--predictions", mti.toString(), "--data", tmp.resolve("synth").toString(),
                "--format", "json", "--fail-under", "semseg.miou=0");
        assertEquals(0, fromPng.code(), fromPng.toString());
        var got = metrics(new ObjectMapper().readTree(fromPng.out()));
        assertEquals(expected.keySet(), got.keySet());
        for (String k : expected.keySet()) {
            double tol = k.startsWith("semseg.") || k.startsWith("depth.") ? 1e-6 // ids and float depth: exact
                    : k.startsWith("normals.") ? 1.5 // 8-bit truncated vectors: within ~1 degree / point
                    : k.equals("edge.ods_threshold") ? 0.05 : 0.03; // probabilities quantised to 1/255
            assertEquals(expected.get(k), got.get(k), tol, k);
        }
        assertEquals("sal/*.png", new ObjectMapper().readTree(fromPng.out()).path("predictions").path("files")
                .path("saliency").asText());

        Path partial = tmp.resolve("partial");
        writeMtiNetLayout(npy, partial);
        Files.delete(partial.resolve("edge/00009.png"));
        Files.move(partial.resolve("edge/00010.png"), partial.resolve("edge/10.png"));
        Cli missing = Cli.run("-q", "eval", "--predictions", partial.toString(), "--data",
                tmp.resolve("synth").toString());
        assertEquals(ExitCodes.USAGE, missing.code(), missing.toString());
        assertEquals(1, missing.errLines(), missing.toString());
        assertTrue(missing.err().contains("edge/: 2 of 4 missing (00009.png, 00010.png); 1 match no image of the "
                + "split (10.png)"), missing.err());

        Path small = tmp.resolve("small");
        Files.createDirectories(small.resolve("semseg"));
        try (var files = Files.list(mti.resolve("semseg"))) {
            for (Path f : files.toList()) {
                org.hirmtl.data.io.Images.writeGray8(small.resolve("semseg").resolve(f.getFileName()), 32, 32,
                        new int[32 * 32]);
            }
        }
        Cli wrong = Cli.run("-q", "eval", "--predictions", small.toString(), "--data", tmp.resolve("synth").toString());
        assertEquals(ExitCodes.USAGE, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("is 32x32 but the image is 64x64 (add --resize-predictions"), wrong.err());
        Cli resized = Cli.run("-q", "eval", "--predictions", small.toString(), "--data",
                tmp.resolve("synth").toString(), "--resize-predictions", "--tasks", "semseg");
        assertEquals(0, resized.code(), resized.toString());
        assertTrue(resized.out().contains("semseg.miou") && !resized.out().contains("depth.rmse"), resized.out());
        Cli both = Cli.run("-q", "eval", "--predictions", small.toString(), "--checkpoint", run.toString());
        assertEquals(ExitCodes.USAGE, both.code(), both.toString());
    }

    @Test
    void namedProtocolsSelectTheAnchorsDefinitions() throws Exception {
        Cli mti = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--protocol", "mtinet", "--format", "json",
                "--fail-under", "saliency.maxf[mtinet]=0");
        assertEquals(0, mti.code(), mti.toString());
        JsonNode rep = new ObjectMapper().readTree(mti.out());
        assertTrue(rep.path("metrics").has("saliency.maxf[mtinet]"), rep.toString());
        assertTrue(rep.path("metrics").has("saliency.miou[mtinet]"), rep.toString());
        assertTrue(rep.path("metrics").has("saliency.maxf"), "the toolkit's column stays");
        assertEquals("png8_trunc", rep.path("protocol").path("normals").asText());
        assertEquals("mtinet", rep.path("protocol").path("saliency").asText());
        assertEquals("seism", rep.path("protocol").path("edge").asText());
        assertTrue(rep.path("metrics").has("edge.odsf[seism]") && rep.path("metrics").has("edge.odsf"),
                rep.toString());
        Cli atrc = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--protocol", "atrc", "--format", "json",
                "--fail-under", "edge.odsf[seism]=0.01");
        assertEquals(0, atrc.code(), atrc.toString());
        JsonNode a = new ObjectMapper().readTree(atrc.out());
        assertEquals("float", a.path("protocol").path("normals").asText());
        assertEquals("hirmtl", a.path("protocol").path("saliency").asText());
        assertEquals("seism", a.path("protocol").path("edge").asText());
        for (String k : new String[] {"edge.odsf[seism]", "edge.oisf[seism]", "edge.ap[seism]"}) {
            double v = a.path("metrics").path(k).path("value").asDouble();
            assertTrue(v > 0 && v <= 1, k + " = " + v);
        }
        assertTrue(!a.path("metrics").has("saliency.maxf[mtinet]"), a.toString());
        Cli bsds = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--protocol", "atrc", "--edge-protocol",
                "bsds", "--format", "json");
        JsonNode b = new ObjectMapper().readTree(bsds.out());
        assertEquals("bsds", b.path("protocol").path("edge").asText(), "a per-metric choice wins");
        assertTrue(!b.path("metrics").has("edge.odsf[seism]"), b.toString());
        Cli badEdge = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--edge-protocol", "matlab");
        assertEquals(ExitCodes.USAGE, badEdge.code(), badEdge.toString());
        assertEquals(1, badEdge.errLines(), badEdge.toString());
        assertTrue(badEdge.err().contains("edge_protocol") && badEdge.err().contains("matlab"), badEdge.err());
        Cli own = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--protocol", "mtinet",
                "--normals-protocol", "float", "--format", "json");
        JsonNode o = new ObjectMapper().readTree(own.out());
        assertEquals("float", o.path("protocol").path("normals").asText(), "a per-metric choice wins");
        Cli gate = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--saliency-protocol", "mtinet",
                "--fail-under", "saliency.miou[mtinet]=1.01");
        assertEquals(ExitCodes.GATE, gate.code(), gate.toString());
        Cli bad = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--protocol", "atrc2");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertEquals("hirmtl: error: --protocol: unknown 'atrc2' (known: hirmtl, mtinet, atrc, seism)",
                bad.err().strip());
    }
    @Test
    void evaluatesAnyOnnxModelWithNamedOutputs() throws Exception {
        Path onnx = tmp.resolve("model.onnx");
        Cli export = Cli.run("-q", "export", "--checkpoint", run.toString(), "--format", "onnx", "--out",
                onnx.toString());
        assertEquals(0, export.code(), export.toString());
        Cli own = Cli.run("-q", "eval", "--checkpoint", run.toString(), "--format", "json", "--engine",
                "onnxruntime");
        assertEquals(0, own.code(), own.toString());
        var expected = metrics(new ObjectMapper().readTree(own.out()));
        String synth = tmp.resolve("synth").toString();
        // the toolkit's export takes raw RGB and gives activated outputs named after the tasks
        Cli model = Cli.run("-q", "eval", "--model", onnx.toString(), "--outputs",
                "semseg=semseg,depth=depth,normals=normals,edge=edge,saliency=saliency", "--input-norm", "none",
                "--outputs-are", "activated", "--data", synth, "--format", "json");
        assertEquals(0, model.code(), model.toString());
        JsonNode rep = new ObjectMapper().readTree(model.out());
        var got = metrics(rep);
        assertEquals(expected.keySet(), got.keySet());
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), got.get(k), 1e-4 * Math.max(1, Math.abs(expected.get(k))), k);
        }
        assertEquals("onnxruntime", rep.path("engine").path("name").asText());
        assertEquals("64x64", rep.path("model").path("input_size").asText());
        assertEquals("activated", rep.path("model").path("outputs_are").asText());
        assertEquals("depth", rep.path("model").path("outputs").path("depth").asText());

        Cli twoTasks = Cli.run("-q", "eval", "--model", onnx.toString(), "--outputs", "depth=depth,semseg=semseg",
                "--input-norm", "none", "--outputs-are", "activated", "--data", synth);
        assertEquals(0, twoTasks.code(), twoTasks.toString());
        assertTrue(twoTasks.out().contains("depth.rmse") && !twoTasks.out().contains("edge.odsf"), twoTasks.out());
        Cli wrong = Cli.run("-q", "eval", "--model", onnx.toString(), "--outputs", "semseg=out0", "--data", synth);
        assertEquals(ExitCodes.USAGE, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("has no output 'out0' (for semseg)"), wrong.err());
        Cli none = Cli.run("-q", "eval", "--model", onnx.toString(), "--data", synth);
        assertEquals(ExitCodes.USAGE, none.code(), none.toString());
        assertTrue(none.err().contains("--model needs --outputs"), none.err());
    }
}
