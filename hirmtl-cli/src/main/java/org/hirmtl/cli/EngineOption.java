package org.hirmtl.cli;

import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.infer.EngineChoice;
import picocli.CommandLine.Option;

/** {@code --engine auto|onnxruntime|dl4j}, shared by the commands that run a trained model for inference. */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "ENGINE", description = "Inference engine: auto (ONNX Runtime when the "
            + "model exports to ONNX, else DL4J), onnxruntime or dl4j (default: the config's inference.engine, auto).")
    String engine;

    /** The engine chosen on the command line, else the one {@code config} names. */
    EngineChoice choice(ExperimentConfig config) {
        return engine != null ? choiceOrNull() : EngineChoice.parse(config.inference().engine());
    }

    /** The engine chosen on the command line, or {@code null} to take the checkpoint's. */
    EngineChoice choiceOrNull() {
        try {
            return engine == null ? null : EngineChoice.parse(engine);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--engine: " + e.getMessage());
        }
    }
}
