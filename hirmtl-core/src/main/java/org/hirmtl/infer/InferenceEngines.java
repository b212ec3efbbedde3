package org.hirmtl.infer;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.hirmtl.export.onnx.OnnxExportException;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.model.Normalisation;
import org.nd4j.linalg.factory.Nd4j;

/** Opens the inference engine a user chose for a model. */
public final class InferenceEngines {
    private InferenceEngines() {
    }

    /**
     * Opens an engine for {@code model}.
     *
     * <ul>
     *   <li>{@link EngineChoice#AUTO}: ONNX Runtime when the model exports to ONNX; otherwise DL4J, and one note
     *       saying which component has no ONNX export;</li>
     *   <li>{@link EngineChoice#ONNXRUNTIME}: ONNX Runtime, or an {@link IllegalArgumentException} (exit 2) naming
     *       the component that does not export;</li>
     *   <li>{@link EngineChoice#DL4J}: DL4J.</li>
     * </ul>
     *
     * @param notes receives one-line notes for the user (a fallback, an unusable GPU)
     */
    public static InferenceEngine open(EngineChoice choice, HirMtlModel model, Normalisation normalisation,
                                       Consumer<String> notes) {
        if (choice == EngineChoice.DL4J) {
            return new Dl4jEngine(model, normalisation);
        }
        try {
            return OnnxRuntimeEngine.forModel(model, normalisation, OnnxRuntimeEngine.Settings.defaults(), notes);
        } catch (OnnxExportException e) {
            if (choice == EngineChoice.ONNXRUNTIME) {
                throw new IllegalArgumentException("--engine onnxruntime: the model does not export to ONNX: "
                        + e.getMessage() + " (use --engine dl4j or auto)", e);
            }
            notes.accept("note: running on dl4j, not onnxruntime: " + e.getMessage());
            return new Dl4jEngine(model, normalisation);
        }
    }

    /** The thread count engines use: ND4J's ({@code OMP_NUM_THREADS}, else the cores), at least 1. */
    public static int threads() {
        Object t = Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        try {
            return Math.max(1, Integer.parseInt(String.valueOf(t)));
        } catch (NumberFormatException e) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** Throws an {@link IllegalArgumentException} for a task not in {@code known}. */
    static void checkTasks(List<String> known, Collection<String> wanted) {
        for (String t : wanted) {
            if (!known.contains(t)) {
                throw new IllegalArgumentException("the model does not predict '" + t + "' (it predicts: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
