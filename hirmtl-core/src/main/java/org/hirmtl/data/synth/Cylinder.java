package org.hirmtl.data.synth;

/** A vertical cylinder with flat caps. */
final class Cylinder extends Primitive {
    private final double r;
    private final double r2;

    Cylinder(int instance, int classId, double cx, double bottom, double cz, double r, double height) {
        super(instance, classId, cx, cz, bottom, bottom + height, r);
        this.r = r;
        this.r2 = r * r;
    }

    @Override
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMax) {
        double lx = ox - cx;
        double lz = oz - cz;
        double best = MISS;
        double a = dx * dx + dz * dz;
        if (a > 1e-18) {
            double b = lx * dx + lz * dz;
            double disc = b * b - a * (lx * lx + lz * lz - r2);
            if (disc >= 0) {
                double s = Math.sqrt(disc);
                best = side((-b - s) / a, oy, dy, tMax);
                if (best == MISS) {
                    best = side((-b + s) / a, oy, dy, tMax);
                }
            }
        }
        if (dy != 0) {
            best = cap((top - oy) / dy, lx, lz, dx, dz, Math.min(best, tMax));
            best = cap((bottom - oy) / dy, lx, lz, dx, dz, Math.min(best, tMax));
        }
        return best;
    }

    private double side(double t, double oy, double dy, double tMax) {
        if (t <= EPS || t >= tMax) {
            return MISS;
        }
        double y = oy + t * dy;
        return y >= bottom && y <= top ? t : MISS;
    }

    private double cap(double t, double lx, double lz, double dx, double dz, double best) {
        if (t <= EPS || t >= best) {
            return best;
        }
        double x = lx + t * dx;
        double z = lz + t * dz;
        return x * x + z * z <= r2 ? t : best;
    }

    @Override
    void normal(double px, double py, double pz, double[] out) {
        double lx = px - cx;
        double lz = pz - cz;
        double rho = Math.sqrt(lx * lx + lz * lz);
        double side = Math.abs(rho - r);
        double up = Math.abs(top - py);
        double down = Math.abs(py - bottom);
        if (side <= up && side <= down && rho > 0) {
            out[0] = lx / rho;
            out[1] = 0;
            out[2] = lz / rho;
        } else {
            out[0] = 0;
            out[1] = up <= down ? 1 : -1;
            out[2] = 0;
        }
    }

    @Override
    double flatTopRadius() {
        return r;
    }
}
