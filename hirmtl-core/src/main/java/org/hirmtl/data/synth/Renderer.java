package org.hirmtl.data.synth;

/**
 * Casts one ray per pixel centre through a {@link Layout} and fills depth, normals, class, instance and noise-free
 * RGB. Shading is Lambertian: ambient plus point lights with distance falloff and hard shadows (one shadow ray per
 * light, tested against the objects; the convex room never shadows a light inside it). One instance per scene; not
 * thread-safe, allocation-free per pixel.
 */
final class Renderer {
    private static final double SHADOW_OFFSET = 1e-5;
    private static final double FALLOFF = 0.15;

    private final Layout layout;
    private final Primitive[] objects;
    private final int height;
    private final int width;
    final float[] rgb;
    final float[] depth;
    final float[] normals;
    final int[] classes;
    final int[] instances;
    private final double[] n = new double[3];

    Renderer(Layout layout, int height, int width) {
        this.layout = layout;
        this.objects = layout.objects;
        this.height = height;
        this.width = width;
        int pixels = height * width;
        rgb = new float[3 * pixels];
        depth = new float[pixels];
        normals = new float[3 * pixels];
        classes = new int[pixels];
        instances = new int[pixels];
    }

    void render() {
        Scene.Camera cam = layout.camera;
        double[] m = cam.rotation();
        double[] o = cam.position();
        for (int y = 0; y < height; y++) {
            double b = -(y - cam.cy()) / cam.fy();
            for (int x = 0; x < width; x++) {
                double a = (x - cam.cx()) / cam.fx();
                // world ray = R (a, b, -1): its component along the optical axis is 1, so t is the depth
                double dx = m[0] * a + m[1] * b - m[2];
                double dy = m[3] * a + m[4] * b - m[5];
                double dz = m[6] * a + m[7] * b - m[8];
                trace(y * width + x, o[0], o[1], o[2], dx, dy, dz, m);
            }
        }
    }

    private void trace(int p, double ox, double oy, double oz, double dx, double dy, double dz, double[] m) {
        Room room = layout.room;
        int plane = room.exitPlane(ox, oy, oz, dx, dy, dz);
        double t = room.distance(plane, ox, oy, oz, dx, dy, dz);
        Primitive hit = null;
        for (Primitive q : objects) {
            double tq = q.intersect(ox, oy, oz, dx, dy, dz, t);
            if (tq < t) {
                t = tq;
                hit = q;
            }
        }
        double px = ox + t * dx;
        double py = oy + t * dy;
        double pz = oz + t * dz;
        if (hit == null) {
            Room.normal(plane, n);
            instances[p] = plane;
            classes[p] = Room.classOf(plane);
        } else {
            hit.normal(px, py, pz, n);
            instances[p] = hit.instance;
            classes[p] = hit.classId;
        }
        if (n[0] * dx + n[1] * dy + n[2] * dz > 0) {
            n[0] = -n[0];
            n[1] = -n[1];
            n[2] = -n[2];
        }
        depth[p] = (float) t;
        int pixels = height * width;
        // camera frame = R^T n (columns of R are the camera axes)
        normals[p] = (float) (m[0] * n[0] + m[3] * n[1] + m[6] * n[2]);
        normals[pixels + p] = (float) (m[1] * n[0] + m[4] * n[1] + m[7] * n[2]);
        normals[2 * pixels + p] = (float) (m[2] * n[0] + m[5] * n[1] + m[8] * n[2]);
        shade(p, px, py, pz, layout.materials[instances[p]]);
    }

    private void shade(int p, double px, double py, double pz, Material mat) {
        double sx = px + SHADOW_OFFSET * n[0];
        double sy = py + SHADOW_OFFSET * n[1];
        double sz = pz + SHADOW_OFFSET * n[2];
        double light = layout.ambient;
        double[] l = layout.lights;
        for (int i = 0; i < l.length; i += 4) {
            double lx = l[i] - sx;
            double ly = l[i + 1] - sy;
            double lz = l[i + 2] - sz;
            double cos = n[0] * lx + n[1] * ly + n[2] * lz;
            if (cos <= 0 || occluded(sx, sy, sz, lx, ly, lz)) {
                continue;
            }
            double d2 = lx * lx + ly * ly + lz * lz;
            light += l[i + 3] * cos / Math.sqrt(d2) / (1 + FALLOFF * d2);
        }
        double k = light * layout.exposure * mat.pattern(px, py, pz);
        int pixels = height * width;
        rgb[p] = (float) (mat.r * k);
        rgb[pixels + p] = (float) (mat.g * k);
        rgb[2 * pixels + p] = (float) (mat.b * k);
    }

    /** Whether an object blocks the segment from {@code s} to {@code s + l}. */
    private boolean occluded(double sx, double sy, double sz, double lx, double ly, double lz) {
        for (Primitive q : objects) {
            if (q.intersect(sx, sy, sz, lx, ly, lz, 1.0) < 1.0) {
                return true;
            }
        }
        return false;
    }
}
