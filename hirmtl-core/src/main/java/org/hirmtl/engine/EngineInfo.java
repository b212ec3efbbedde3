package org.hirmtl.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** What the ND4J engine reports about itself: backend, version, BLAS, threads, oneDNN helpers. */
public final class EngineInfo {
    /** The DL4J/ND4J release this build is compiled against. */
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    private EngineInfo() {
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
        return out;
    }
}
