package org.hirmtl.data.synth;

/** A sphere. */
final class Sphere extends Primitive {
    private final double cy;
    private final double r;
    private final double r2;

    Sphere(int instance, int classId, double cx, double bottom, double cz, double r) {
        super(instance, classId, cx, cz, bottom, bottom + 2 * r, r);
        this.cy = bottom + r;
        this.r = r;
        this.r2 = r * r;
    }

    @Override
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMax) {
        double lx = ox - cx;
        double ly = oy - cy;
        double lz = oz - cz;
        double a = dx * dx + dy * dy + dz * dz;
        double b = lx * dx + ly * dy + lz * dz;
        double c = lx * lx + ly * ly + lz * lz - r2;
        double disc = b * b - a * c;
        if (disc < 0) {
            return MISS;
        }
        double s = Math.sqrt(disc);
        double t = (-b - s) / a;
        if (t <= EPS) {
            t = (-b + s) / a;
        }
        return t > EPS && t < tMax ? t : MISS;
    }

    @Override
    void normal(double px, double py, double pz, double[] out) {
        double nx = px - cx;
        double ny = py - cy;
        double nz = pz - cz;
        double inv = 1 / Math.sqrt(nx * nx + ny * ny + nz * nz);
        out[0] = nx * inv;
        out[1] = ny * inv;
        out[2] = nz * inv;
    }

    @Override
    double flatTopRadius() {
        return 0;
    }
}
