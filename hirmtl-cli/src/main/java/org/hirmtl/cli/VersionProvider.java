package org.hirmtl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hirmtl.Version;
import org.hirmtl.engine.EngineInfo;
import org.hirmtl.engine.MemoryGuard;
import org.hirmtl.engine.OneDnn;
import org.hirmtl.engine.ProcessMemory;
import org.hirmtl.infer.OnnxRuntimeEngine;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} and {@code hirmtl version}: toolkit, engine backend and version, Java, OS. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return lines().toArray(String[]::new);
    }

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("hirmtl " + Version.version() + " (commit " + shortCommit() + ")");
        OneDnn.enable();
        Map<String, String> engine = EngineInfo.describe();
        out.add("DL4J/ND4J " + engine.get("dl4j") + ", backend " + engine.get("backend") + " (blas "
                + engine.get("blas") + ", " + engine.get("omp.threads") + " threads, oneDNN helpers "
                + (Boolean.parseBoolean(engine.get("onednn.helpers")) ? "on" : "off") + ", batch norm "
                + engine.get("batchnorm") + ", convolution " + engine.get("convolution") + ", OpenMP wait policy "
                + System.getenv().getOrDefault("OMP_WAIT_POLICY", "default (active spinning)") + ")");
        out.add("inference: onnxruntime " + OnnxRuntimeEngine.runtimeVersion() + " (providers "
                + String.join(", ", OnnxRuntimeEngine.providers()) + ") by default (--engine auto), dl4j for models "
                + "that do not export to ONNX; training: dl4j");
        out.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + garbageCollector() + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", allocator " + ProcessMemory.allocator() + ", " + memoryLimit());
        EngineInfo.cudaFallbackWarning().ifPresent(out::add);
        return out;
    }

    /** The garbage collector in use: serial, parallel, G1, ZGC, Shenandoah, or the JVM's bean names. */
    private static String garbageCollector() {
        List<String> names = new ArrayList<>();
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        String all = String.join("+", names);
        String kind = all.contains("Copy") ? "serial" : all.startsWith("PS ") ? "parallel"
                : all.startsWith("G1") ? "G1" : all.startsWith("ZGC") ? "ZGC"
                : all.startsWith("Shenandoah") ? "Shenandoah" : all;
        return kind + " GC";
    }

    private static String shortCommit() {
        String c = Version.commit();
        String s = c.length() > 12 ? c.substring(0, 12) : c;
        return "true".equals(Version.dirty()) ? s + "+dirty" : s;
    }

    /** The resident-memory limit ({@link MemoryGuard}) and whether JavaCPP still checks on each allocation. */
    static String memoryLimit() {
        String limit;
        try {
            long max = MemoryGuard.limitBytes();
            limit = max > 0 ? String.format(java.util.Locale.ROOT, "resident memory limit %,d MiB", max >> 20)
                    : "no resident memory limit";
        } catch (IllegalArgumentException e) {
            limit = "resident memory limit: " + e.getMessage();
        }
        return org.bytedeco.javacpp.Pointer.maxPhysicalBytes() > 0
                ? limit + " (JavaCPP also checks on each allocation: slower; see docs/engine.md)" : limit;
    }
}
