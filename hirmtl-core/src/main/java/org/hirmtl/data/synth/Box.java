package org.hirmtl.data.synth;

/** A box standing on its bottom face, rotated about the vertical axis. */
final class Box extends Primitive {
    private final double cy;
    private final double hx;
    private final double hy;
    private final double hz;
    private final double cos;
    private final double sin;

    Box(int instance, int classId, double cx, double bottom, double cz, double hx, double hy, double hz, double angle) {
        super(instance, classId, cx, cz, bottom, bottom + 2 * hy, Math.sqrt(hx * hx + hz * hz));
        this.cy = bottom + hy;
        this.hx = hx;
        this.hy = hy;
        this.hz = hz;
        this.cos = StrictMath.cos(angle);
        this.sin = StrictMath.sin(angle);
    }

    @Override
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMax) {
        double wx = ox - cx;
        double wz = oz - cz;
        double lox = cos * wx + sin * wz;
        double loz = -sin * wx + cos * wz;
        double ldx = cos * dx + sin * dz;
        double ldz = -sin * dx + cos * dz;
        double ly = oy - cy;
        double near = -MISS;
        double far = MISS;
        if (ldx != 0) {
            double t1 = (-hx - lox) / ldx;
            double t2 = (hx - lox) / ldx;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        } else if (Math.abs(lox) > hx) {
            return MISS;
        }
        if (dy != 0) {
            double t1 = (-hy - ly) / dy;
            double t2 = (hy - ly) / dy;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        } else if (Math.abs(ly) > hy) {
            return MISS;
        }
        if (ldz != 0) {
            double t1 = (-hz - loz) / ldz;
            double t2 = (hz - loz) / ldz;
            near = Math.max(near, Math.min(t1, t2));
            far = Math.min(far, Math.max(t1, t2));
        } else if (Math.abs(loz) > hz) {
            return MISS;
        }
        if (near > far) {
            return MISS;
        }
        double t = near > EPS ? near : far;
        return t > EPS && t < tMax ? t : MISS;
    }

    @Override
    void normal(double px, double py, double pz, double[] out) {
        double wx = px - cx;
        double wz = pz - cz;
        double lx = cos * wx + sin * wz;
        double ly = py - cy;
        double lz = -sin * wx + cos * wz;
        double ex = hx - Math.abs(lx);
        double ey = hy - Math.abs(ly);
        double ez = hz - Math.abs(lz);
        double nx = 0;
        double nz = 0;
        out[1] = 0;
        if (ey <= ex && ey <= ez) {
            out[1] = Math.signum(ly);
        } else if (ex <= ez) {
            nx = Math.signum(lx);
        } else {
            nz = Math.signum(lz);
        }
        out[0] = cos * nx - sin * nz;
        out[2] = sin * nx + cos * nz;
    }

    @Override
    double flatTopRadius() {
        return Math.min(hx, hz);
    }
}
