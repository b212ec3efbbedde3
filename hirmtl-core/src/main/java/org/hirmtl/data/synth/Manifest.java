package org.hirmtl.data.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code synth.json}: what a generated dataset contains (generator version, spec, class names, conventions). It is
 * written last, so its presence means the dataset is complete; a cached dataset is reused only if it matches.
 */
final class Manifest {
    static final String FILE = "synth.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {
    }

    static Map<String, Object> of(SynthSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "hirmtl-synth");
        m.put("version", SceneGenerator.VERSION);
        m.put("layout", "NYUD_MT+saliency");
        m.put("seed", spec.seed());
        m.put("train", spec.train());
        m.put("val", spec.val());
        m.put("height", spec.height());
        m.put("width", spec.width());
        m.put("classes", spec.classes());
        m.put("classNames", spec.classNames());
        m.put("structureClasses", SynthSpec.STRUCTURE_CLASSES);
        m.put("depth", "metres along the optical axis, 0 = hole");
        m.put("normals", "camera frame: x right, y up, z towards the viewer; facing the camera");
        m.put("segmentation", "class + 1");
        return m;
    }

    static byte[] bytes(SynthSpec spec) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(of(spec));
    }

    static void write(Path dir, SynthSpec spec) throws IOException {
        byte[] b = bytes(spec);
        SceneFiles.atomic(dir.resolve(FILE), tmp -> Files.write(tmp, b));
    }

    /** Whether {@code dir} holds a manifest equal to the one {@code spec} would write; false if absent or corrupt. */
    static boolean matches(Path dir, SynthSpec spec) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode found = JSON.readTree(file.toFile());
            JsonNode wanted = JSON.readTree(bytes(spec));
            return wanted.equals(found);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The class names a manifest in {@code dir} lists (empty if it has none or cannot be read). */
    static java.util.List<String> classNames(Path dir) {
        try {
            JsonNode names = JSON.readTree(dir.resolve(FILE).toFile()).path("classNames");
            java.util.List<String> out = new java.util.ArrayList<>();
            names.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }
}
