package org.hirmtl.data.synth;

/**
 * A solid object resting in the room. Rays are {@code o + t d} with {@code d} not necessarily unit length;
 * {@link #intersect} returns the nearest {@code t} in {@code (EPS, tMax)} or {@code +inf}. Allocation-free.
 */
abstract class Primitive {
    static final double EPS = 1e-9;
    static final double MISS = Double.POSITIVE_INFINITY;

    final int instance;
    final int classId;
    /** Footprint centre and bounding-circle radius in the floor plane, bottom and top heights. */
    final double cx;
    final double cz;
    final double bottom;
    final double top;
    final double boundRadius;

    Primitive(int instance, int classId, double cx, double cz, double bottom, double top, double boundRadius) {
        this.instance = instance;
        this.classId = classId;
        this.cx = cx;
        this.cz = cz;
        this.bottom = bottom;
        this.top = top;
        this.boundRadius = boundRadius;
    }

    /** Nearest hit parameter in {@code (EPS, tMax)}, or {@link #MISS}. */
    abstract double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMax);

    /** Writes the outward unit normal at surface point {@code p} into {@code out}. */
    abstract void normal(double px, double py, double pz, double[] out);

    /** Radius of a circle that fits on a flat top face (something can be stacked there), or 0. */
    abstract double flatTopRadius();
}
