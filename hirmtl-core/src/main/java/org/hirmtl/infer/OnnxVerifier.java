package org.hirmtl.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import onnx.Onnx.ModelProto;
import org.hirmtl.export.onnx.OnnxExportException;
import org.hirmtl.data.io.Images;
import org.hirmtl.data.transform.Resize;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.Normalisation;

/**
 * Runs an exported model with ONNX Runtime and the DL4J graph it came from on the same images and compares every
 * task output. Holds an ONNX Runtime session: use with try-with-resources.
 *
 * <pre>{@code
 * OnnxExport export = OnnxExporter.export(model, normalisation);
 * try (OnnxVerifier v = OnnxVerifier.open(model, normalisation, export.model())) {
 *     OnnxVerifier.Report r = v.verify(OnnxVerifier.randomImages(2, model.height(), model.width(), 1), 2);
 *     System.out.println(r.summary());
 * }
 * }</pre>
 */
public final class OnnxVerifier implements AutoCloseable {
    /** The default absolute tolerance (float32 noise through a HirMTL model is ~1e-6). */
    public static final double DEFAULT_TOLERANCE = 1e-4;
    /**
     * The default relative tolerance: a value passes when {@code |onnx − dl4j| ≤ atol + rtol · |dl4j|} (numpy's
     * {@code allclose} rule). Unit normals need it: their normalisation divides float32 noise by the raw vector's
     * length, which random inputs make short (measured 9.1e-5 absolute on random images, 6.7e-6 on real ones).
     */
    public static final double DEFAULT_RTOL = 1e-3;
    /** Denominator floor of the relative difference {@code |onnx − dl4j| / max(|dl4j|, floor)}. */
    public static final double RELATIVE_FLOOR = 1e-3;

    private final HirMtlModel model;
    private final InferenceEngine onnx;
    private final InferenceEngine dl4j;

    /**
     * The comparison of one output.
     *
     * @param name the output (task) name
     * @param maxAbs the largest {@code |onnx − dl4j|} (infinite if exactly one side is NaN somewhere)
     * @param maxRelative the largest {@code |onnx − dl4j| / max(|dl4j|, }{@value OnnxVerifier#RELATIVE_FLOOR}{@code )}
     * @param passed whether every value satisfies {@code |onnx − dl4j| ≤ tolerance + rtol · |dl4j|}
     */
    public record OutputDiff(String name, double maxAbs, double maxRelative, boolean passed) {
    }

    /**
     * The comparison of all task outputs on one batch.
     *
     * @param batch the number of images
     * @param tolerance the absolute tolerance
     * @param rtol the relative tolerance
     * @param outputs one entry per task, in task order
     */
    public record Report(int batch, double tolerance, double rtol, List<OutputDiff> outputs) {
        /** Freezes the list. */
        public Report {
            outputs = List.copyOf(outputs);
        }

        /** Whether every output is within the tolerance. */
        public boolean passed() {
            return outputs.stream().allMatch(OutputDiff::passed);
        }

        /** The largest absolute difference over all outputs. */
        public double maxAbs() {
            return outputs.stream().mapToDouble(OutputDiff::maxAbs).max().orElse(0);
        }

        /** One line per output, e.g. {@code semseg  max|diff| 1.2e-07  max rel 3.4e-06  ok}. */
        public String summary() {
            StringBuilder s = new StringBuilder();
            for (OutputDiff d : outputs) {
                s.append(String.format("%-10s max|diff| %.3g  max rel %.3g  %s%n", d.name(), d.maxAbs(),
                        d.maxRelative(), d.passed() ? "ok" : "FAILED (|diff| > " + tolerance + " + " + rtol + "·|dl4j|)"));
            }
            return s.toString();
        }
    }

    private OnnxVerifier(HirMtlModel model, InferenceEngine onnx, InferenceEngine dl4j) {
        this.model = model;
        this.onnx = onnx;
        this.dl4j = dl4j;
    }

    /** Opens an ONNX Runtime session on an exported model held in memory. */
    public static OnnxVerifier open(HirMtlModel model, Normalisation normalisation, ModelProto onnx) {
        return open(model, normalisation, onnx.toByteArray());
    }

    /** Opens an ONNX Runtime session on an exported {@code .onnx} file. */
    public static OnnxVerifier open(HirMtlModel model, Normalisation normalisation, Path onnxFile)
            throws IOException {
        return open(model, normalisation, Files.readAllBytes(onnxFile));
    }

    private static OnnxVerifier open(HirMtlModel model, Normalisation normalisation, byte[] onnx) {
        try {
            return new OnnxVerifier(model, OnnxRuntimeEngine.forOnnx(onnx, model.tasks(),
                    OnnxRuntimeEngine.Settings.defaults(), note -> { }), new Dl4jEngine(model, normalisation));
        } catch (InferenceException | IllegalArgumentException e) {
            throw new OnnxExportException("ONNX Runtime cannot load the exported model: " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #verifyRandomAndReal} found.
     *
     * @param random the comparison on random images
     * @param real the comparison on the real images, or {@code null} if none could be decoded
     * @param realFiles the real images used, in batch order
     * @param skipped files that could not be decoded → why
     */
    public record Verification(Report random, Report real, List<Path> realFiles, Map<Path, String> skipped) {
        /** Freezes the collections. */
        public Verification {
            realFiles = List.copyOf(realFiles);
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }

        /** Whether every comparison passed. */
        public boolean passed() {
            return random.passed() && (real == null || real.passed());
        }
    }

    /**
     * Compares both engines on {@code randomImages} seeded random images and on up to {@code maxReal} of
     * {@code candidates} (image files, decoded strictly and resized bilinearly to the model's size; files that do not
     * decode are skipped and reported).
     */
    public Verification verifyRandomAndReal(int randomImages, long seed, List<Path> candidates, int maxReal,
                                            double tolerance, double rtol) {
        int h = model.height();
        int w = model.width();
        Report random = verify(randomImages(randomImages, h, w, seed), randomImages, tolerance, rtol);
        List<Path> used = new ArrayList<>();
        List<float[]> decoded = new ArrayList<>();
        Map<Path, String> skipped = new LinkedHashMap<>();
        for (Path f : candidates) {
            if (used.size() == maxReal) {
                break;
            }
            try {
                decoded.add(Resize.bilinear(Images.toRgb(Images.readStrict(f)), h, w).data());
                used.add(f);
            } catch (IOException | RuntimeException e) {
                skipped.put(f, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        Report real = null;
        if (!used.isEmpty()) {
            float[] images = new float[used.size() * 3 * h * w];
            for (int i = 0; i < used.size(); i++) {
                System.arraycopy(decoded.get(i), 0, images, i * 3 * h * w, 3 * h * w);
            }
            real = verify(images, used.size(), tolerance, rtol);
        }
        return new Verification(random, real, used, skipped);
    }

    /** The ONNX Runtime version in use (e.g. {@code 1.28.0}). */
    public static String runtimeVersion() {
        return OnnxRuntimeEngine.runtimeVersion();
    }

    /** {@link #verify(float[], int, double)} with {@link #DEFAULT_TOLERANCE}. */
    public Report verify(float[] images, int n) {
        return verify(images, n, DEFAULT_TOLERANCE);
    }

    /**
     * Runs both engines on {@code images} and compares each task output.
     *
     * @param images {@code n × 3 × H × W} raw RGB in [0, 1] (not normalised), row-major; not modified
     */
    public Report verify(float[] images, int n, double tolerance) {
        return verify(images, n, tolerance, DEFAULT_RTOL);
    }

    /**
     * As {@link #verify(float[], int, double)} with a relative tolerance: a value passes when
     * {@code |onnx − dl4j| ≤ tolerance + rtol · |dl4j|}.
     */
    public Report verify(float[] images, int n, double tolerance, double rtol) {
        Map<String, float[]> onnx = runOnnx(images, n);
        Map<String, float[]> dl4j = runDl4j(images, n);
        List<OutputDiff> diffs = new ArrayList<>();
        for (String task : model.tasks()) {
            diffs.add(compare(task, onnx.get(task), dl4j.get(task), tolerance, rtol));
        }
        return new Report(n, tolerance, rtol, diffs);
    }

    /** The ONNX model's outputs by task, each {@code n × C × H × W} row-major. */
    public Map<String, float[]> runOnnx(float[] images, int n) {
        try {
            return run(onnx, images, n);
        } catch (InferenceException e) {
            throw new OnnxExportException(e.getMessage(), e);
        }
    }

    /** DL4J's activated final output per task ({@code graph.output(false, x)}), each {@code n × C × H × W}. */
    public Map<String, float[]> runDl4j(float[] images, int n) {
        return run(dl4j, images, n);
    }

    private Map<String, float[]> run(InferenceEngine engine, float[] images, int n) {
        Map<String, float[]> out = new LinkedHashMap<>();
        engine.run(ImageBatch.of(images, n, model.height(), model.width())).forEach((t, o) -> out.put(t, o.data()));
        return out;
    }

    /** {@code n × 3 × h × w} values uniform in [0, 1), the same for the same seed. */
    public static float[] randomImages(int n, int h, int w, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] images = new float[n * 3 * h * w];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        return images;
    }

    @Override
    public void close() {
        onnx.close();
        dl4j.close();
    }

    private static OutputDiff compare(String name, float[] onnx, float[] dl4j, double tolerance, double rtol) {
        if (onnx == null || dl4j == null || onnx.length != dl4j.length) {
            throw new OnnxExportException("output '" + name + "': ONNX gave " + (onnx == null ? "nothing"
                    : onnx.length + " values") + ", DL4J " + (dl4j == null ? "nothing" : dl4j.length + " values"));
        }
        double maxAbs = 0;
        double maxRel = 0;
        boolean passed = true;
        for (int i = 0; i < onnx.length; i++) {
            double a = onnx[i];
            double b = dl4j[i];
            double d = Double.isNaN(a) && Double.isNaN(b) ? 0
                    : Double.isNaN(a) || Double.isNaN(b) ? Double.POSITIVE_INFINITY : Math.abs(a - b);
            maxAbs = Math.max(maxAbs, d);
            maxRel = Math.max(maxRel, d / Math.max(Math.abs(b), RELATIVE_FLOOR));
            passed &= d <= tolerance + rtol * Math.abs(b);
        }
        return new OutputDiff(name, maxAbs, maxRel, passed);
    }
}
