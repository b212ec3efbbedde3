package org.hirmtl.testkit;

import java.util.Arrays;
import java.util.Objects;

/**
 * The kit's assertions: plain {@link AssertionError}s, so the kit brings no test framework and works with any
 * JUnit (or TestNG) version the plugin's build uses.
 */
final class Check {
    private Check() {
    }

    static void isTrue(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static void equal(Object expected, Object actual, String message) {
        if (!Objects.deepEquals(expected, actual)) {
            throw new AssertionError(message + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    static void notNull(Object value, String message) {
        isTrue(value != null, message);
    }

    static AssertionError fail(String message) {
        throw new AssertionError(message);
    }

    private static String show(Object o) {
        if (o instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof float[] a) {
            return a.length > 8 ? "float[" + a.length + "]" : Arrays.toString(a);
        }
        if (o instanceof double[] a) {
            return a.length > 8 ? "double[" + a.length + "]" : Arrays.toString(a);
        }
        return String.valueOf(o);
    }
}
