/**
 * Export of HirMTL models to ONNX, and its verification against DL4J with ONNX Runtime.
 *
 * <ul>
 *   <li>{@link org.hirmtl.export.onnx.OnnxExporter} — {@code HirMtlModel} + normalisation → ONNX model (opset 13): one
 *       input {@code image} (RGB in [0, 1], dynamic batch), one activated output per task named by the task;
 *       {@code write} saves it atomically;</li>
 *   <li>{@link org.hirmtl.infer.OnnxVerifier} — runs the export with ONNX Runtime and the DL4J graph on the same
 *       images and reports the largest difference per output;</li>
 *   <li>{@link org.hirmtl.api.onnx.OnnxGraph} — the graph under construction as seen by the export hook
 *       {@link org.hirmtl.api.OnnxExportable} that custom vertices and layers implement (stable plugin API).</li>
 * </ul>
 *
 * <p>Built-in mappings cover the DL4J layers and vertices HirMTL builds: convolution, depthwise convolution, batch
 * normalization, activation, max/average pooling, nearest upsampling, CNN loss layers (their activation), element-wise
 * vertices, merge, shift and scale vertices, and frozen wrappers of those. HirMTL's own vertices export through their
 * hooks. Each mapping reproduces DL4J's inference arithmetic, including its quirks (see
 * {@code BatchNormExport}); tests compare every mapping with ONNX Runtime to 1e-4.
 */
package org.hirmtl.export.onnx;
