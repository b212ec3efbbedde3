package org.hirmtl.model.vertices;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape checks shared by the vertices of this package: NCHW only, messages that name the vertex and the input. */
final class CnnShapes {
    private CnnShapes() {
    }

    /** The input as a convolutional NCHW type, or an exception naming {@code vertex} and {@code what}. */
    static InputType.InputTypeConvolutional nchw(InputType type, String vertex, String what) {
        if (!(type instanceof InputType.InputTypeConvolutional)) {
            throw new InvalidInputTypeException(vertex + ": " + what + " must be a convolutional (CNN) activation, got "
                    + type);
        }
        InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) type;
        if (conv.getFormat() != CNN2DFormat.NCHW) {
            throw new InvalidInputTypeException(vertex + ": " + what + " must be NCHW, got " + conv.getFormat());
        }
        return conv;
    }

    /** Fails unless {@code a} and {@code b} have the same height and width. */
    static void sameSpatial(InputType.InputTypeConvolutional a, InputType.InputTypeConvolutional b, String vertex,
            String what) {
        if (a.getHeight() != b.getHeight() || a.getWidth() != b.getWidth()) {
            throw new InvalidInputTypeException(vertex + ": " + what + " has spatial size " + b.getHeight() + "x"
                    + b.getWidth() + ", expected " + a.getHeight() + "x" + a.getWidth());
        }
    }

    /** Fails unless the array is rank 4. */
    static void requireRank4(INDArray array, String vertex, String what) {
        if (array.rank() != 4) {
            throw new IllegalStateException(vertex + ": " + what + " must be rank 4 [N, C, H, W], got shape "
                    + Arrays.toString(array.shape()));
        }
    }

    /** Fails unless both arrays have exactly the same shape. */
    static void requireSameShape(INDArray expected, INDArray actual, String vertex, String what) {
        if (!expected.equalShapes(actual)) {
            throw new IllegalStateException(vertex + ": " + what + " has shape " + Arrays.toString(actual.shape())
                    + ", expected " + Arrays.toString(expected.shape()));
        }
    }

    /** Fails unless N, H and W of {@code actual} match {@code expected}'s (channels may differ). */
    static void requireSameBatchAndSpatial(INDArray expected, INDArray actual, String vertex, String what) {
        if (actual.size(0) != expected.size(0) || actual.size(2) != expected.size(2)
                || actual.size(3) != expected.size(3)) {
            throw new IllegalStateException(vertex + ": " + what + " has shape " + Arrays.toString(actual.shape())
                    + ", but N, H, W must match " + Arrays.toString(expected.shape()));
        }
    }
}
