package org.hirmtl.export.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.Version;
import org.hirmtl.data.io.AtomicFiles;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.Normalisation;
import org.hirmtl.model.OutputSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a {@link HirMtlModel} to ONNX (opset {@value #OPSET}, IR version {@value #IR_VERSION}), for inference.
 *
 * <p>Conventions of the exported model:
 * <ul>
 *   <li>one input {@value #INPUT}: float32 {@code [N, 3, H, W]}, RGB in [0, 1], {@code N} dynamic ({@value #BATCH})
 *       and {@code H×W} the size the model was built for; the normalisation {@code (x − mean) / std} is part of the
 *       graph ({@code Sub} and {@code Div} by {@code [1, 3, 1, 1]} constants);</li>
 *   <li>one output per task, named by the task ({@code semseg}, {@code depth}, ...), float32
 *       {@code [N, C, H, W]}: the activated final prediction exactly as DL4J's
 *       {@code graph.output(false, x)} at {@code model.finalOutput(task)} — softmax probabilities over channels, metres,
 *       unit normals, sigmoid probabilities. Deep-supervision outputs are not exported, nor any vertex only they
 *       need.</li>
 * </ul>
 *
 * <p>Vertices are converted in topological order by built-in mappings ({@link VertexExport}, {@link LayerExport})
 * or by their {@link org.hirmtl.api.OnnxExportable} hook; any other vertex fails the export with an
 * {@link OnnxExportException} naming it. {@link org.hirmtl.infer.OnnxVerifier} checks an export against DL4J with ONNX Runtime.
 */
public final class OnnxExporter {
    /** The default operator set version of the default ONNX domain. */
    public static final int OPSET = 13;
    /**
     * The operator sets an export can target: 13 (the default; ONNX Runtime) and 11 (what OpenCV's DNN module and
     * older runtimes read). The differences that matter here: ReduceSum's axes are an attribute in 11, Softmax
     * flattens to 2-D at its axis in 11 (channel softmax is written as transpose, last-axis softmax, transpose), and
     * Resize takes a (then unused) roi input.
     */
    public static final List<Integer> OPSETS = List.of(11, 13);
    /** The ONNX IR version written (7 is the IR of opset 13's release, ONNX 1.8). */
    public static final long IR_VERSION = 7;
    /** The {@code producer_name} of exported models. */
    public static final String PRODUCER = "hirmtl";
    /** The name of the model's input. */
    public static final String INPUT = "image";
    /** The symbolic name of the dynamic batch dimension. */
    public static final String BATCH = "N";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);

    private OnnxExporter() {
    }

    /**
     * Converts the model's final outputs and everything they depend on.
     *
     * @param normalisation the input normalisation the model was trained with (baked into the graph)
     * @throws OnnxExportException naming the first vertex that cannot be exported
     */
    public static OnnxExport export(HirMtlModel model, Normalisation normalisation) {
        return export(model, normalisation, OPSET);
    }

    /**
     * As {@link #export(HirMtlModel, Normalisation)}, at operator set {@code opset} (one of {@link #OPSETS}).
     *
     * @throws IllegalArgumentException for another opset
     */
    public static OnnxExport export(HirMtlModel model, Normalisation normalisation, int opset) {
        if (!OPSETS.contains(opset)) {
            throw new IllegalArgumentException("--opset " + opset + ": supported " + OPSETS);
        }
        long irVersion = opset >= 13 ? IR_VERSION : 6;
        ComputationGraph cg = model.graph();
        ComputationGraphConfiguration conf = cg.getConfiguration();
        String dl4jInput = singleInput(conf);
        Map<String, String> finals = finalOutputs(model);
        List<String> order = exportOrder(cg, conf, finals.keySet());
        // on a clone: computing the types may set preprocessors and nIn on the configuration
        Map<String, InputType> types = conf.clone().getLayerActivationTypes(
                InputType.convolutional(model.height(), model.width(), 3));

        OnnxGraphWriter g = new OnnxGraphWriter(opset);
        Map<String, String> tensors = tensorNames(g, order, finals);
        g.input(INPUT);
        tensors.put(dl4jInput, normalise(g, normalisation, model.height(), model.width()));
        g.shape(tensors.get(dl4jInput), Shapes.of(types.get(dl4jInput)));
        for (String v : order) {
            List<String> inNames = conf.getVertexInputs().get(v);
            List<String> in = inNames.stream().map(tensors::get).toList();
            List<long[]> inShapes = inNames.stream().map(n -> Shapes.of(types.get(n))).toList();
            g.enter(v, cg.getVertex(v).paramTable(false));
            VertexExport.convert(g, v, conf.getVertices().get(v), in, inShapes, tensors.get(v));
            g.leave();
            g.shape(tensors.get(v), Shapes.of(types.get(v)));
        }
        GraphProto.Builder graph = g.proto().setName("hirmtl")
                .setDocString("HirMTL multi-task model. Input '" + INPUT + "': RGB in [0, 1], NCHW; outputs: "
                        + String.join(", ", finals.values()) + " (activated predictions at the input size)")
                .addInput(Shapes.valueInfo(INPUT, Shapes.of(types.get(dl4jInput))));
        finals.forEach((v, task) -> graph.addOutput(Shapes.valueInfo(task, Shapes.of(types.get(v)))));
        ModelProto proto = ModelProto.newBuilder().setIrVersion(irVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setProducerName(PRODUCER).setProducerVersion(Version.version())
                .setGraph(graph).addAllMetadataProps(metadata(model, normalisation)).build();
        List<String> warnings = g.warnings();
        if (!warnings.isEmpty()) {
            LOG.debug("ONNX export: {} warning(s), e.g. {}", warnings.size(), warnings.get(0));
        }
        return new OnnxExport(proto, opset, irVersion, List.copyOf(finals.values()), graph.getNodeCount(),
                warnings);
    }

    /**
     * Writes {@code model} to {@code file} atomically: to a temporary file in the same directory, then renamed over
     * {@code file}; on failure nothing is left behind.
     */
    public static void write(ModelProto model, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
        });
    }

    private static String singleInput(ComputationGraphConfiguration conf) {
        if (conf.getNetworkInputs().size() != 1) {
            throw new OnnxExportException("cannot export a graph with inputs " + conf.getNetworkInputs()
                    + ": HirMTL models have exactly one image input");
        }
        return conf.getNetworkInputs().get(0);
    }

    /** Final output vertex → task name, in task order. */
    private static Map<String, String> finalOutputs(HirMtlModel model) {
        Map<String, String> finals = new LinkedHashMap<>();
        for (String task : model.tasks()) {
            OutputSpec spec = model.finalOutput(task);
            finals.put(spec.name(), task);
        }
        return finals;
    }

    /** The non-input vertices the final outputs depend on, in the graph's topological order. */
    private static List<String> exportOrder(ComputationGraph cg, ComputationGraphConfiguration conf,
                                            Set<String> outputs) {
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (needed.add(v)) {
                todo.addAll(conf.getVertexInputs().getOrDefault(v, List.of()));
            }
        }
        List<String> order = new ArrayList<>();
        for (int i : cg.topologicalSortOrder()) {
            var vertex = cg.getVertices()[i];
            if (!vertex.isInputVertex() && needed.contains(vertex.getVertexName())) {
                order.add(vertex.getVertexName());
            }
        }
        return order;
    }

    /**
     * Output tensor per vertex: the task name for final outputs, else the vertex name (made unique if it collides
     * with the input or a task name).
     */
    private static Map<String, String> tensorNames(OnnxGraphWriter g, List<String> order, Map<String, String> finals) {
        Map<String, String> tensors = new LinkedHashMap<>();
        g.reserve(INPUT);
        finals.forEach((v, task) -> {
            g.reserve(task);
            tensors.put(v, task);
        });
        List<String> clashing = new ArrayList<>();
        for (String v : order) {
            if (!finals.containsKey(v)) {
                if (g.reserve(v)) {
                    tensors.put(v, v);
                } else {
                    clashing.add(v);
                }
            }
        }
        clashing.forEach(v -> tensors.put(v, g.fresh(v)));
        return tensors;
    }

    /** {@code (image − mean) / std} with {@code [1, 3, 1, 1]} constants; returns the normalised tensor. */
    private static String normalise(OnnxGraphWriter g, Normalisation n, int h, int w) {
        float[] mean = new float[3];
        float[] std = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = (float) n.mean()[c];
            std[c] = (float) n.std()[c];
        }
        String centred = g.fresh(INPUT + "/centred");
        g.node("Sub", List.of(INPUT, g.constant(INPUT + "/mean", mean, 1, 3, 1, 1)), List.of(centred), Map.of());
        String normalised = g.fresh(INPUT + "/normalised");
        g.node("Div", List.of(centred, g.constant(INPUT + "/std", std, 1, 3, 1, 1)), List.of(normalised), Map.of());
        return normalised;
    }

    private static List<StringStringEntryProto> metadata(HirMtlModel model, Normalisation n) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hirmtl.tasks", String.join(",", model.tasks()));
        m.put("hirmtl.input", INPUT + ": float32 [" + BATCH + ",3," + model.height() + "," + model.width()
                + "], RGB in [0,1]");
        m.put("hirmtl.normalisation.mean", Arrays.stream(n.mean()).mapToObj(Double::toString)
                .collect(Collectors.joining(",")));
        m.put("hirmtl.normalisation.std", Arrays.stream(n.std()).mapToObj(Double::toString)
                .collect(Collectors.joining(",")));
        m.put("hirmtl.version", Version.version());
        List<StringStringEntryProto> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(StringStringEntryProto.newBuilder().setKey(k).setValue(v).build()));
        return out;
    }
}
