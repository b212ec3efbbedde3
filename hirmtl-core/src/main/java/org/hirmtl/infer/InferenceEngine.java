package org.hirmtl.infer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs a trained model for inference: a batch of RGB images in [0, 1] in, each task's activated final output out
 * (softmax probabilities, metres, unit normals, sigmoid probabilities — what the model's {@code TaskProvider#decode}
 * expects), keyed by task name. The engine applies the model's input normalisation itself. Holds native resources:
 * close it (try-with-resources).
 *
 * <pre>{@code
 * try (InferenceEngine engine = InferenceEngines.open(EngineChoice.AUTO, model, normalisation, notes::add)) {
 *     ImageBatch batch = ImageBatch.allocate(2, model.height(), model.width());
 *     batch.set(0, rgb0);
 *     batch.set(1, rgb1);
 *     TaskOutput depth = engine.run(batch).get("depth");
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one batch at a time.
 */
public interface InferenceEngine extends AutoCloseable {
    /** The engine's name as {@code --engine} spells it: {@code onnxruntime} or {@code dl4j}. */
    String name();

    /** One line for reports and logs, e.g. {@code onnxruntime 1.28.0 (CPU, 2 intra-op threads)}. */
    String description();

    /** The tasks the model predicts, in model order. */
    List<String> tasks();

    /**
     * Runs the model on {@code images} and returns the outputs of {@code tasks}.
     *
     * @param images raw RGB in [0, 1], any size the model accepts (a multiple of its largest stride)
     * @param tasks a subset of {@link #tasks()}; only these are computed where the engine can prune
     * @return task → output, in the order of {@code tasks}
     * @throws IllegalArgumentException for a task the model does not predict
     */
    Map<String, TaskOutput> run(ImageBatch images, Collection<String> tasks);

    /** {@link #run(ImageBatch, Collection)} for every task. */
    default Map<String, TaskOutput> run(ImageBatch images) {
        return run(images, tasks());
    }

    /** Releases the engine's native resources; it cannot run afterwards. */
    @Override
    void close();
}
