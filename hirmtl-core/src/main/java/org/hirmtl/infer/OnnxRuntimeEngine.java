package org.hirmtl.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hirmtl.export.onnx.OnnxExporter;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.Normalisation;

/**
 * Inference with ONNX Runtime on the model's own ONNX export ({@link OnnxExporter}: normalisation inside, one output
 * per task named by the task). ONNX Runtime fuses convolution, batch norm and activation, keeps blocked layouts
 * between layers and plans its memory once per shape, which DL4J does per call.
 *
 * <p>Sessions are made for speed ({@link Settings}): all graph optimisations, a fixed intra-op thread count, one
 * session per input size, reused (a model held in memory is exported again for each new size, the few most recent kept
 * open); inputs are read in place from the batch's direct buffer; outputs are copied out in bulk. Only the tasks asked
 * for are computed. With ONNX Runtime's GPU build on the class path ({@code mvn -Pcuda}) the CUDA execution provider
 * is used when a usable GPU is present, the CPU provider otherwise (one note says so).
 */
public final class OnnxRuntimeEngine implements InferenceEngine {
    /** The engine's name. */
    public static final String NAME = "onnxruntime";
    /** Input sizes whose sessions stay open at once (e.g. {@code predict --keep-size} over mixed photographs). */
    static final int OPEN_SESSIONS = 3;
    /**
     * System property: a file prefix; each session then writes ONNX Runtime's profile (every node's time per run, a
     * Chrome-trace JSON) to {@code PREFIX_<date>.json} when it closes (e.g. {@code JAVA_OPTS=-Dhirmtl.ort.profile=/tmp/ort}).
     */
    public static final String PROFILE_PROPERTY = "hirmtl.ort.profile";

    /**
     * How sessions are made.
     *
     * @param threads intra-op threads (the ND4J thread setting by default)
     * @param spinning whether idle pool threads spin-wait for work (on an idle machine 8 % faster at 128×160,
     *                 measured); spinning burns CPU time that other processes on a shared machine may need
     * @param cuda whether to use the CUDA execution provider when ONNX Runtime's build has it and a GPU is usable
     */
    public record Settings(int threads, boolean spinning, boolean cuda) {
        /** Requires at least one thread. */
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("ONNX Runtime needs at least one thread, got " + threads);
            }
        }

        /**
         * The defaults: {@link InferenceEngines#threads()} threads, spinning on unless the system property
         * {@code hirmtl.ort.spinning} is {@code false}, CUDA when available.
         */
        public static Settings defaults() {
            return new Settings(InferenceEngines.threads(),
                    !"false".equalsIgnoreCase(System.getProperty("hirmtl.ort.spinning", "true")), true);
        }
    }

    /** Makes the ONNX model for one input size. */
    @FunctionalInterface
    private interface Exporter {
        byte[] export(int height, int width);
    }

    private final List<String> tasks;
    private final Map<String, String> outputNames;
    private final Exporter exporter;
    private final Settings settings;
    private final Consumer<String> notes;
    private final String input;
    private final int fixedHeight;
    private final int fixedWidth;
    private final Map<String, OrtSession> sessions = new LinkedHashMap<>(4, 0.75f, true);
    private String provider = "CPU";
    /** The one session of a stored model with a dynamic input size, else null. */
    private OrtSession dynamic;

    private OnnxRuntimeEngine(List<String> tasks, Exporter exporter, Settings settings, Consumer<String> notes,
                              String input, int fixedHeight, int fixedWidth) {
        this(identity(tasks), exporter, settings, notes, input, fixedHeight, fixedWidth);
    }

    private OnnxRuntimeEngine(Map<String, String> outputNames, Exporter exporter, Settings settings,
                              Consumer<String> notes, String input, int fixedHeight, int fixedWidth) {
        this.tasks = List.copyOf(outputNames.keySet());
        this.outputNames = Map.copyOf(outputNames);
        this.exporter = exporter;
        this.settings = settings;
        this.notes = notes;
        this.input = input;
        this.fixedHeight = fixedHeight;
        this.fixedWidth = fixedWidth;
    }

    /**
     * An engine for a model held in memory: exported now at the model's size (so that a component without an ONNX
     * export fails here, with {@link org.hirmtl.export.onnx.OnnxExportException}), and at other sizes when a batch
     * of another size comes.
     *
     * @param notes receives one-line notes (e.g. that the CUDA provider is not usable)
     */
    public static OnnxRuntimeEngine forModel(HirMtlModel model, Normalisation normalisation, Settings settings,
                                             Consumer<String> notes) {
        Exporter exporter = (h, w) -> OnnxExporter.export(new HirMtlModel(model.graph(), model.tasks(),
                model.outputs(), h, w), normalisation).model().toByteArray();
        OnnxRuntimeEngine e = new OnnxRuntimeEngine(model.tasks(), exporter, settings, notes, OnnxExporter.INPUT, -1,
                -1);
        e.session(model.height(), model.width());
        return e;
    }

    /**
     * An engine for a stored ONNX model of one input size (e.g. a file written by {@code hirmtl export}).
     *
     * @param onnx the serialised model: one float input {@code [N, 3, H, W]}, RGB in [0, 1], one output per task
     * @param tasks the tasks and the output names that hold them, in model order
     * @throws IllegalArgumentException if the model does not have one input of a fixed size, or lacks a task output
     */
    public static OnnxRuntimeEngine forOnnx(byte[] onnx, List<String> tasks, Settings settings,
                                            Consumer<String> notes) {
        return forOnnx(onnx, identity(tasks), false, settings, notes);
    }

    /**
     * An engine for any ONNX model with one 4-D float input {@code [N, 3, H, W]}: its outputs named per task.
     *
     * @param outputs   task → the name of the model output that holds it, in report order
     * @param anySize   accept an input of dynamic height and width (else they must be fixed)
     * @throws IllegalArgumentException if the model does not have one such input, or lacks a named output
     */
    public static OnnxRuntimeEngine forOnnx(byte[] onnx, Map<String, String> outputs, boolean anySize,
                                            Settings settings, Consumer<String> notes) {
        OnnxRuntimeEngine probe = new OnnxRuntimeEngine(outputs, null, settings, notes, null, -1, -1);
        OrtSession s = probe.open(onnx);
        try {
            Map<String, NodeInfo> inputs = s.getInputInfo();
            if (inputs.size() != 1 || !(inputs.values().iterator().next().getInfo() instanceof TensorInfo t)
                    || t.getShape().length != 4 || (t.getShape()[1] != 3 && t.getShape()[1] > 0)
                    || (!anySize && (t.getShape()[2] < 1 || t.getShape()[3] < 1))) {
                throw new IllegalArgumentException("the ONNX model must have one input of shape [N, 3, H, W]"
                        + (anySize ? "" : " with a fixed H and W") + "; it has " + inputs);
            }
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                if (!s.getOutputNames().contains(o.getValue())) {
                    throw new IllegalArgumentException("the ONNX model has no output '" + o.getValue() + "'"
                            + (o.getKey().equals(o.getValue()) ? "" : " (for " + o.getKey() + ")") + " (it has: "
                            + String.join(", ", s.getOutputNames()) + ")");
                }
            }
            long[] shape = t.getShape();
            int h = shape[2] < 1 ? -1 : (int) shape[2];
            int w = shape[3] < 1 ? -1 : (int) shape[3];
            OnnxRuntimeEngine e = new OnnxRuntimeEngine(outputs, null, settings, notes,
                    inputs.keySet().iterator().next(), h, w);
            e.provider = probe.provider;
            e.dynamic = h < 0 || w < 0 ? s : null;
            if (e.dynamic == null) {
                e.sessions.put(key(h, w), s);
            }
            return e;
        } catch (OrtException | RuntimeException ex) {
            closeQuietly(s);
            if (ex instanceof RuntimeException r) {
                throw r;
            }
            throw new InferenceException("ONNX Runtime cannot read the model's inputs: " + ex.getMessage(), ex);
        }
    }

    /** The fixed input size {@code {H, W}} of a stored model ({@code -1} for a dynamic side), or null for own models. */
    public int[] fixedInputSize() {
        return exporter != null ? null : new int[] {fixedHeight, fixedWidth};
    }

    private static Map<String, String> identity(List<String> tasks) {
        Map<String, String> m = new LinkedHashMap<>();
        tasks.forEach(t -> m.put(t, t));
        return m;
    }

    /** The ONNX Runtime version in use (e.g. {@code 1.28.0}), or {@code unknown}. */
    public static String runtimeVersion() {
        try {
            return OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    /** The execution providers of the ONNX Runtime build on the class path (e.g. {@code CPU}, {@code CUDA}). */
    public static List<String> providers() {
        try {
            return OrtEnvironment.getAvailableProviders().stream()
                    .map(p -> p.name().replace("_EXECUTION_PROVIDER", "")).toList();
        } catch (RuntimeException | LinkageError e) {
            return List.of("unknown");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return NAME + " " + runtimeVersion() + " (" + provider + ", " + settings.threads() + " intra-op thread"
                + (settings.threads() == 1 ? "" : "s") + (settings.spinning() ? "" : ", no spinning") + ")";
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    @Override
    public Map<String, TaskOutput> run(ImageBatch images, Collection<String> wanted) {
        InferenceEngines.checkTasks(tasks, wanted);
        OrtSession session = session(images.height(), images.width());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Set<String> names = new LinkedHashSet<>();
        wanted.forEach(t -> names.add(outputNames.get(t)));
        try (OnnxTensor x = OnnxTensor.createTensor(env, images.pixels(), images.shape());
             OrtSession.Result result = session.run(Map.of(input, x), names)) {
            Map<String, TaskOutput> out = new LinkedHashMap<>();
            for (String task : wanted) {
                OnnxValue v = result.get(outputNames.get(task)).orElseThrow(() -> new InferenceException(
                        "ONNX Runtime returned no '" + outputNames.get(task) + "' output"));
                out.put(task, read((OnnxTensor) v));
            }
            return out;
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(OnnxRuntimeEngine::closeQuietly);
        sessions.clear();
        if (dynamic != null) {
            closeQuietly(dynamic);
            dynamic = null;
        }
    }

    /** The open session for inputs of {@code height × width}, made (and the oldest closed) when needed. */
    private OrtSession session(int height, int width) {
        if (dynamic != null) {
            return dynamic;
        }
        OrtSession s = sessions.get(key(height, width));
        if (s != null) {
            return s;
        }
        if (exporter == null) {
            throw new IllegalArgumentException("the ONNX model takes images of " + fixedHeight + "x" + fixedWidth
                    + ", got " + height + "x" + width);
        }
        s = open(exporter.export(height, width));
        sessions.put(key(height, width), s);
        if (sessions.size() > OPEN_SESSIONS) {
            var eldest = sessions.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
        return s;
    }

    private OrtSession open(byte[] onnx) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            // measured A/B (docs/engine.md#inference-engines): all optimisations (NCHWc layouts) 1.3x extended's
            // speed; the CPU arena on (off: 4.5x slower); memory patterns off (at 448x576 faster and 0.8 GiB less)
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setCPUArenaAllocator(true);
            o.setMemoryPatternOptimization(false);
            String profile = System.getProperty(PROFILE_PROPERTY);
            if (profile != null && !profile.isBlank()) {
                o.enableProfiling(profile); // ONNX Runtime's per-node timings, a JSON trace per session
            }
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setIntraOpNumThreads(settings.threads());
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", settings.spinning() ? "1" : "0");
            addCuda(o);
            return env.createSession(onnx, o);
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** Adds the CUDA provider where the build has it and it initialises; one note when it does not. */
    private void addCuda(OrtSession.SessionOptions o) {
        if (!settings.cuda() || !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)
                || provider.equals("CPU, CUDA unusable")) {
            return;
        }
        try {
            o.addCUDA(0);
            provider = "CUDA";
        } catch (OrtException | RuntimeException e) {
            provider = "CPU, CUDA unusable";
            notes.accept("warning: ONNX Runtime's CUDA provider is not usable (" + firstLine(e.getMessage())
                    + "): running on the CPU");
        }
    }

    private static TaskOutput read(OnnxTensor t) {
        long[] s = t.getInfo().getShape();
        FloatBuffer b = t.getFloatBuffer(); // one bulk copy out of ONNX Runtime's memory
        float[] values;
        if (b.hasArray() && b.arrayOffset() == 0 && b.array().length == b.remaining()) {
            values = b.array();
        } else {
            values = new float[b.remaining()];
            b.get(values);
        }
        if (s.length == 3) { // [N, H, W]: one channel
            return new TaskOutput(values, (int) s[0], 1, (int) s[1], (int) s[2]);
        }
        if (s.length != 4) {
            throw new InferenceException("an output of shape " + java.util.Arrays.toString(s) + " is not [N, C, H, W] "
                    + "or [N, H, W]");
        }
        return new TaskOutput(values, (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
    }

    private static String key(int height, int width) {
        return height + "x" + width;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "no reason given";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // closing releases native memory; a failure here leaves nothing the caller can act on
        }
    }
}
