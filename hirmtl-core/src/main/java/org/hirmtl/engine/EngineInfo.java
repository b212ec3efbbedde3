package org.hirmtl.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** What the ND4J engine reports about itself: backend, version, BLAS, threads, oneDNN helpers. */
public final class EngineInfo {
    /** The DL4J/ND4J release this build is compiled against. */
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    private EngineInfo() {
    }

    /**
     * Whether ND4J runs on its CPU backend: arrays in host memory, which Java code may read and write through NIO
     * ({@code engine.layers} keeps its own copy of this test: it does not import this package).
     */
    public static boolean hostBackend() {
        return Nd4j.getBackend().getClass().getName().startsWith("org.nd4j.linalg.cpu.");
    }

    /** The class of ND4J's CUDA backend, present only in a {@code mvn -Pcuda} build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /**
     * One warning line when this is a CUDA build ({@code -Pcuda}) that fell back to the CPU backend because no
     * usable GPU, driver or CUDA 11.6 / cuDNN 8.3 runtime was found; empty otherwise (initialises ND4J).
     */
    public static Optional<String> cudaFallbackWarning() {
        String backend = String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("backend", ""));
        return cudaFallbackWarning(cudaBackendPresent(), backend);
    }

    static Optional<String> cudaFallbackWarning(boolean cudaBuild, String backend) {
        if (!cudaBuild || backend.toUpperCase(java.util.Locale.ROOT).contains("CUDA")) {
            return Optional.empty();
        }
        return Optional.of("warning: this is a CUDA build, but no usable GPU was found (it needs an NVIDIA GPU with a "
                + "driver for CUDA 11.6 and cuDNN 8.3): running on the " + backend + " backend");
    }

    /**
     * In a CUDA build, initialises ND4J with {@code System.out} and {@code System.err} captured and returns what was
     * printed there: ND4J's CUDA probe prints a stack trace (no driver) or a CUDA error string to standard output (no
     * device) before it falls back to the CPU backend, which would break one-line errors and JSON on stdout. A no-op
     * returning "" in the default (CPU) build. Call it at process start, before other threads print.
     */
    public static String initialiseQuietly() {
        if (!cudaBackendPresent()) {
            return "";
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            Nd4j.getBackend();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static boolean cudaBackendPresent() {
        try {
            Class.forName(CUDA_BACKEND, false, EngineInfo.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Backend facts, in display order (initialises ND4J, which unpacks its natives on first use). */
    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        out.put("dl4j", DL4J_VERSION);
        out.put("backend", String.valueOf(env.getOrDefault("backend", "unknown")));
        out.put("blas", String.valueOf(env.getOrDefault("blas.vendor", "unknown")));
        out.put("cores", String.valueOf(env.getOrDefault("cores", Runtime.getRuntime().availableProcessors())));
        out.put("omp.threads", String.valueOf(env.getOrDefault("omp.threads", "?")));
        out.put("onednn.helpers", String.valueOf(OneDnn.isActive()));
        out.put("batchnorm", OneDnnBatchNorm.enabled() ? "onednn training primitives" : "dl4j");
        out.put("convolution", OneDnnConvolution.enabled() ? "onednn primitives, kept buffers" : "dl4j");
        return out;
    }
}
