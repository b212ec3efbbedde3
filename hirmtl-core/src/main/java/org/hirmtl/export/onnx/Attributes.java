package org.hirmtl.export.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx.AttributeProto.AttributeType;
import onnx.Onnx.AttributeProto;
import org.nd4j.shade.protobuf.ByteString;

/** Turns the Java values of {@link OnnxGraphWriter#node} attributes into ONNX attribute protos. */
final class Attributes {
    private Attributes() {
    }

    /**
     * {@code Integer}/{@code Long} → INT, {@code Float}/{@code Double} → FLOAT, {@code String} → STRING,
     * {@code int[]}/{@code long[]} → INTS, {@code float[]}/{@code double[]} → FLOATS, {@code String[]} → STRINGS, a
     * non-empty {@code List} of one of the scalar kinds → the matching list kind.
     *
     * @throws IllegalArgumentException for any other value
     */
    static AttributeProto of(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            return a.setType(AttributeType.INT).setI(((Number) value).longValue()).build();
        }
        if (value instanceof Float || value instanceof Double) {
            return a.setType(AttributeType.FLOAT).setF(((Number) value).floatValue()).build();
        }
        if (value instanceof String s) {
            return a.setType(AttributeType.STRING).setS(ByteString.copyFrom(s, StandardCharsets.UTF_8)).build();
        }
        List<?> list = asList(value);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + name + "': unsupported value " + value
                    + " (use Integer, Long, Float, Double, String, int[], long[], float[], double[], String[] or a "
                    + "non-empty List of one of those scalar types)");
        }
        Object first = list.get(0);
        if (first instanceof Integer || first instanceof Long) {
            a.setType(AttributeType.INTS);
            list.forEach(v -> a.addInts(integer(name, v)));
        } else if (first instanceof Float || first instanceof Double) {
            a.setType(AttributeType.FLOATS);
            list.forEach(v -> a.addFloats(number(name, v).floatValue()));
        } else if (first instanceof String) {
            a.setType(AttributeType.STRINGS);
            list.forEach(v -> a.addStrings(ByteString.copyFrom(String.valueOf(v), StandardCharsets.UTF_8)));
        } else {
            throw new IllegalArgumentException("attribute '" + name + "': unsupported list element " + first);
        }
        return a.build();
    }

    private static List<?> asList(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof int[] v) {
            for (int x : v) {
                out.add((long) x);
            }
        } else if (value instanceof long[] v) {
            for (long x : v) {
                out.add(x);
            }
        } else if (value instanceof float[] v) {
            for (float x : v) {
                out.add(x);
            }
        } else if (value instanceof double[] v) {
            for (double x : v) {
                out.add(x);
            }
        } else if (value instanceof String[] v) {
            out.addAll(List.of(v));
        } else if (value instanceof List<?> v) {
            return v;
        } else {
            return null;
        }
        return out;
    }

    private static long integer(String name, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("attribute '" + name + "': list mixes integers with " + v);
    }

    private static Number number(String name, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("attribute '" + name + "': list mixes numbers with " + v);
    }
}
