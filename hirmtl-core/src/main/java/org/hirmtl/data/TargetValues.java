package org.hirmtl.data;

import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;

/** Checks that a decoded target's values follow its {@link TargetKind}'s convention. */
final class TargetValues {
    /** Tolerance on |n| for unit normals (8-bit PNG normals are quantised to ~1%). */
    static final double NORMAL_TOLERANCE = 0.05;

    private TargetValues() {
    }

    /** @return {@code null} if the values are valid, else a one-line description of the first bad value */
    static String check(TargetKind kind, DenseMap t) {
        if (kind == null) {
            return null;
        }
        float[] d = t.data();
        int n = t.pixels();
        switch (kind) {
            case LABELS -> {
                for (int i = 0; i < d.length; i++) {
                    float v = d[i];
                    if (v != Math.rint(v) || v < 0 || v > TargetKind.IGNORE) {
                        return "label " + v + " at pixel " + i + " is not a class id (0..254) or 255 (ignore)";
                    }
                }
            }
            case DEPTH -> {
                for (int i = 0; i < d.length; i++) {
                    if (!Float.isFinite(d[i]) || d[i] < 0) {
                        return "depth " + d[i] + " at pixel " + i + " is not a finite value >= 0";
                    }
                }
            }
            case NORMALS -> {
                for (int p = 0; p < n; p++) {
                    double x = d[p];
                    double y = d[n + p];
                    double z = d[2 * n + p];
                    double len = Math.sqrt(x * x + y * y + z * z);
                    if (!Double.isFinite(len) || (len != 0 && Math.abs(len - 1) > NORMAL_TOLERANCE)) {
                        return "normal at pixel " + p + " has length " + (float) len + " (expected 1, or 0 = invalid)";
                    }
                }
            }
            case BINARY -> {
                for (int i = 0; i < d.length; i++) {
                    if (!(d[i] >= 0 && d[i] <= 1) && d[i] != TargetKind.IGNORE) {
                        return "value " + d[i] + " at pixel " + i + " is outside [0, 1]";
                    }
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return null;
    }

    /**
     * @return {@code null} if every label is a class id below {@code classes} or 255 (ignore), else how many are not,
     *         the largest, and where the first is
     */
    static String labelRange(DenseMap t, int classes) {
        float[] d = t.data();
        int bad = 0;
        int first = -1;
        float largest = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= classes && d[i] != TargetKind.IGNORE) {
                bad++;
                first = first < 0 ? i : first;
                largest = Math.max(largest, d[i]);
            }
        }
        return bad == 0 ? null : bad + " pixel(s) have labels outside the " + classes + " classes (0.."
                + (classes - 1) + ", 255 = ignore): largest " + (int) largest + ", first at pixel " + first;
    }
}
