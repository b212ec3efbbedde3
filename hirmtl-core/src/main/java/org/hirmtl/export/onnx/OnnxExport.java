package org.hirmtl.export.onnx;

import java.util.List;
import onnx.Onnx.ModelProto;

/**
 * An exported model and the facts about it.
 *
 * @param model the ONNX model
 * @param opset the operator set version of the default domain
 * @param irVersion the ONNX IR version
 * @param outputs the graph's output names, one per task, in task order (= the task names)
 * @param nodeCount the number of nodes in the graph
 * @param warnings things the user should know, e.g. settings DL4J ignores and the export therefore ignores too
 */
public record OnnxExport(ModelProto model, int opset, long irVersion, List<String> outputs, int nodeCount,
                         List<String> warnings) {
    /** Freezes the lists. */
    public OnnxExport {
        outputs = List.copyOf(outputs);
        warnings = List.copyOf(warnings);
    }

    /** The serialized model, as written to a {@code .onnx} file. */
    public byte[] bytes() {
        return model.toByteArray();
    }
}
