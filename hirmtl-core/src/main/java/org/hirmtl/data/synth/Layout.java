package org.hirmtl.data.synth;

import java.util.SplittableRandom;

/**
 * Everything random about one scene except the sensor: the room, its objects and their materials, the lights and
 * the camera. Built from the scene's own random stream.
 */
final class Layout {
    private static final double MAX_PITCH = StrictMath.tan(Math.toRadians(40));
    final Room room;
    final Primitive[] objects;
    /** Indexed by instance id: the six room planes, then the objects. */
    final Material[] materials;
    /** Point lights, {@code x, y, z, intensity} each. */
    final double[] lights;
    final double ambient;
    final double exposure;
    final Scene.Camera camera;

    private Layout(Room room, Primitive[] objects, Material[] materials, double[] lights, double ambient,
                   double exposure, Scene.Camera camera) {
        this.room = room;
        this.objects = objects;
        this.materials = materials;
        this.lights = lights;
        this.ambient = ambient;
        this.exposure = exposure;
        this.camera = camera;
    }

    static Layout random(SynthSpec spec, SplittableRandom rng) {
        Room room = new Room(rng.nextDouble(3, 6), rng.nextDouble(2.4, 3.0), rng.nextDouble(3, 6));
        Primitive[] objects = Placement.place(room, spec.classes(), rng);
        Material[] materials = materials(objects, rng);
        int n = 1 + rng.nextInt(3);
        double[] lights = new double[4 * n];
        for (int i = 0; i < n; i++) {
            lights[4 * i] = rng.nextDouble(0.3, room.sx - 0.3);
            lights[4 * i + 1] = room.sy - rng.nextDouble(0.15, 0.4);
            lights[4 * i + 2] = rng.nextDouble(0.3, room.sz - 0.3);
            lights[4 * i + 3] = rng.nextDouble(2.0, 3.2) / Math.sqrt(n);
        }
        double ambient = rng.nextDouble(0.15, 0.3);
        double exposure = rng.nextDouble(0.9, 1.2);
        Scene.Camera camera = camera(room, objects, spec.height(), spec.width(), rng);
        return new Layout(room, objects, materials, lights, ambient, exposure, camera);
    }

    private static Material[] materials(Primitive[] objects, SplittableRandom rng) {
        Material[] m = new Material[Room.PLANES + objects.length];
        m[Room.FLOOR] = Material.floor(rng);
        m[Room.CEILING] = Material.ceiling(rng);
        double[] wall = Material.wallColour(rng);
        boolean striped = rng.nextDouble() < 0.3;
        for (int i = 2; i < Room.PLANES; i++) {
            m[i] = Material.wall(wall, striped, rng);
        }
        for (Primitive p : objects) {
            m[p.instance] = Material.object(p.classId, rng);
        }
        return m;
    }

    /**
     * A camera at eye height, clear of every object, looking down at most 40 degrees at an object at least 1 m away
     * (horizontally); a fixed corner view if no such pose is found.
     */
    private static Scene.Camera camera(Room room, Primitive[] objects, int h, int w, SplittableRandom rng) {
        double[] eye = {0.35, room.sy - 0.3, 0.35};
        double[] at = {room.sx / 2, 0.5, room.sz / 2};
        for (int tries = 0; tries < 200; tries++) {
            double[] e = {rng.nextDouble(0.3, room.sx - 0.3), rng.nextDouble(1.0, Math.min(1.9, room.sy - 0.3)),
                rng.nextDouble(0.3, room.sz - 0.3)};
            double[] a = objects.length == 0 ? at.clone() : target(objects[rng.nextInt(objects.length)], rng);
            double across = Math.hypot(a[0] - e[0], a[2] - e[2]);
            if (clear(e, objects) && across >= 1.0 && e[1] - a[1] <= across * MAX_PITCH) {
                eye = e;
                at = a;
                break;
            }
        }
        double hfov = Math.toRadians(rng.nextDouble(55, 65));
        double f = w / 2.0 / StrictMath.tan(hfov / 2);
        double roll = Math.toRadians(rng.nextDouble(-4, 4));
        return new Scene.Camera(f, f, (w - 1) / 2.0, (h - 1) / 2.0, lookAt(eye, at, roll), eye);
    }

    private static double[] target(Primitive p, SplittableRandom rng) {
        return new double[] {p.cx + rng.nextDouble(-0.2, 0.2), (p.bottom + p.top) / 2 + rng.nextDouble(-0.2, 0.2),
            p.cz + rng.nextDouble(-0.2, 0.2)};
    }

    private static boolean clear(double[] e, Primitive[] objects) {
        for (Primitive p : objects) {
            if (Math.hypot(e[0] - p.cx, e[2] - p.cz) < p.boundRadius + 0.3 && e[1] < p.top + 0.3) {
                return false;
            }
        }
        return true;
    }

    /** Row-major camera-to-world rotation whose columns are right, up and back (towards the viewer). */
    static double[] lookAt(double[] eye, double[] at, double roll) {
        double[] fwd = unit(at[0] - eye[0], at[1] - eye[1], at[2] - eye[2]);
        double[] right = unit(-fwd[2], 0, fwd[0]);
        double[] up = {right[1] * fwd[2] - right[2] * fwd[1], right[2] * fwd[0] - right[0] * fwd[2],
            right[0] * fwd[1] - right[1] * fwd[0]};
        double c = StrictMath.cos(roll);
        double s = StrictMath.sin(roll);
        double[] r = new double[3];
        double[] u = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = c * right[i] + s * up[i];
            u[i] = -s * right[i] + c * up[i];
        }
        return new double[] {r[0], u[0], -fwd[0], r[1], u[1], -fwd[1], r[2], u[2], -fwd[2]};
    }

    private static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }
}
