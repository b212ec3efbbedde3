package org.hirmtl.data.synth;

/**
 * The room: the inside of the box {@code [0, sx] x [0, sy] x [0, sz]} (world y up). Its six planes are instances
 * 0..5: floor, ceiling, then the walls at {@code x = 0}, {@code x = sx}, {@code z = 0}, {@code z = sz}.
 */
final class Room {
    static final int FLOOR = 0;
    static final int CEILING = 1;
    static final int PLANES = 6;

    final double sx;
    final double sy;
    final double sz;

    Room(double sx, double sy, double sz) {
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
    }

    /** The plane through which a ray from a point inside the room leaves it. */
    int exitPlane(double ox, double oy, double oz, double dx, double dy, double dz) {
        double tx = dx > 0 ? (sx - ox) / dx : dx < 0 ? -ox / dx : Primitive.MISS;
        double ty = dy > 0 ? (sy - oy) / dy : dy < 0 ? -oy / dy : Primitive.MISS;
        double tz = dz > 0 ? (sz - oz) / dz : dz < 0 ? -oz / dz : Primitive.MISS;
        if (ty <= tx && ty <= tz) {
            return dy > 0 ? CEILING : FLOOR;
        }
        if (tx <= tz) {
            return dx > 0 ? 3 : 2;
        }
        return dz > 0 ? 5 : 4;
    }

    /** Ray parameter at which the ray meets {@code plane}. */
    double distance(int plane, double ox, double oy, double oz, double dx, double dy, double dz) {
        return switch (plane) {
            case FLOOR -> -oy / dy;
            case CEILING -> (sy - oy) / dy;
            case 2 -> -ox / dx;
            case 3 -> (sx - ox) / dx;
            case 4 -> -oz / dz;
            default -> (sz - oz) / dz;
        };
    }

    /** Writes the inward unit normal of {@code plane} into {@code out}. */
    static void normal(int plane, double[] out) {
        out[0] = plane == 2 ? 1 : plane == 3 ? -1 : 0;
        out[1] = plane == FLOOR ? 1 : plane == CEILING ? -1 : 0;
        out[2] = plane == 4 ? 1 : plane == 5 ? -1 : 0;
    }

    /** The semantic class of {@code plane}. */
    static int classOf(int plane) {
        return plane == FLOOR ? SynthSpec.FLOOR : plane == CEILING ? SynthSpec.CEILING : SynthSpec.WALL;
    }
}
