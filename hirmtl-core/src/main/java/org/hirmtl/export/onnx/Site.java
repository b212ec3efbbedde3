package org.hirmtl.export.onnx;

/**
 * The DL4J vertex being converted, for error messages.
 *
 * @param vertex the vertex name
 * @param type the configuration class (of the layer, for layer vertices)
 */
record Site(String vertex, Class<?> type) {
    /** An error naming this vertex and {@code reason}. */
    OnnxExportException unsupported(String reason) {
        return OnnxExportException.unsupported(vertex, type, reason);
    }
}
