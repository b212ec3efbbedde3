package org.hirmtl.config;

import java.util.List;
import org.hirmtl.api.config.Checks;

/**
 * How trained models are run for inference ({@code hirmtl eval}, {@code predict}, {@code bench}).
 *
 * @param engine {@code auto} (ONNX Runtime whenever the model exports to ONNX, else DL4J), {@code onnxruntime} or
 *               {@code dl4j}; the commands' {@code --engine} overrides it
 */
public record InferenceConfig(String engine) {
    /** The engine names ({@code org.hirmtl.infer.EngineChoice}'s labels). */
    public static final List<String> ENGINES = List.of("auto", "onnxruntime", "dl4j");

    /** Requires a known engine. */
    public InferenceConfig {
        Checks.oneOf("engine", engine, ENGINES);
    }
}
