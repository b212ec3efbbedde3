package org.hirmtl.export.onnx;

import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

/** DL4J activation types as ONNX shapes: NCHW, batch dimension {@code -1} (dynamic, {@value OnnxExporter#BATCH}). */
final class Shapes {
    private Shapes() {
    }

    /** {@code [-1, C, H, W]} for a convolutional type; DL4J's own shape (batch {@code -1}) for others. */
    static long[] of(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            if (c.getFormat() != CNN2DFormat.NCHW) {
                throw new OnnxExportException("cannot export " + c.getFormat() + " activations (only NCHW)");
            }
            return new long[] {-1, c.getChannels(), c.getHeight(), c.getWidth()};
        }
        return type.getShape(true);
    }

    /** A float32 graph input or output with a symbolic batch dimension. */
    static ValueInfoProto valueInfo(String name, long[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            s.addDim(d < 0 ? dim.setDimParam(OnnxExporter.BATCH) : dim.setDimValue(d));
        }
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                .setShape(s);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }
}
