package org.hirmtl.export.onnx;

import org.hirmtl.api.OnnxExportable;

/**
 * A model that cannot be exported to ONNX, or an exported model that ONNX Runtime cannot run. The message names the
 * DL4J vertex, its class and the reason, on one line.
 */
public class OnnxExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what cannot be exported, and why */
    public OnnxExportException(String message) {
        super(message);
    }

    /** @param message what failed @param cause the underlying error */
    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A vertex (or layer) of a type the exporter does not know, without the export hook. */
    static OnnxExportException noHook(String vertex, Class<?> type) {
        return new OnnxExportException("cannot export vertex '" + vertex + "' (" + type.getName()
                + "): it does not implement " + OnnxExportable.class.getName());
    }

    /** A known vertex (or layer) type with a setting that has no ONNX mapping. */
    static OnnxExportException unsupported(String vertex, Class<?> type, String reason) {
        return new OnnxExportException("cannot export vertex '" + vertex + "' (" + type.getName() + "): " + reason);
    }
}
