/**
 * Exports of trained models: the self-contained inference bundle ({@link org.hirmtl.export.InferenceBundle}) and
 * ONNX ({@code org.hirmtl.export.onnx}).
 */
package org.hirmtl.export;
