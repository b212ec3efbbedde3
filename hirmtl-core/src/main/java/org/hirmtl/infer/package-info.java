/**
 * Running a trained model for inference: one interface ({@link org.hirmtl.infer.InferenceEngine}: a batch of RGB
 * images in, each task's activated output out, keyed by task name) and its two implementations — ONNX Runtime on the
 * model's own ONNX export ({@link org.hirmtl.infer.OnnxRuntimeEngine}, the default) and DL4J
 * ({@link org.hirmtl.infer.Dl4jEngine}, the fallback for components without an ONNX export). Evaluation, prediction,
 * the ONNX verifier and {@code hirmtl bench} all run models through it; {@link org.hirmtl.infer.InferenceEngines}
 * chooses the engine ({@code --engine auto|onnxruntime|dl4j}).
 */
package org.hirmtl.infer;
