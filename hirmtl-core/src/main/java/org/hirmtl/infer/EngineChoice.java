package org.hirmtl.infer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which engine runs inference ({@code --engine}, config key {@code inference.engine}). */
public enum EngineChoice {
    /** ONNX Runtime whenever the model exports to ONNX, else DL4J (with one note naming the component). */
    AUTO,
    /** ONNX Runtime; a model that does not export is an error. */
    ONNXRUNTIME,
    /** DL4J. */
    DL4J;

    /** The names as users write them. */
    public static final List<String> NAMES = Arrays.stream(values()).map(EngineChoice::label).toList();

    /** The name as users write it: {@code auto}, {@code onnxruntime}, {@code dl4j}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name.
     *
     * @throws IllegalArgumentException naming the known ones
     */
    public static EngineChoice parse(String name) {
        for (EngineChoice c : values()) {
            if (c.label().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
}
