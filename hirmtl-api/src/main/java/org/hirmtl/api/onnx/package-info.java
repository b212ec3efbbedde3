/**
 * The ONNX graph as export hooks ({@link org.hirmtl.api.OnnxExportable}) see it: {@link org.hirmtl.api.onnx.OnnxGraph}.
 */
package org.hirmtl.api.onnx;
