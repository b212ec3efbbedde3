package org.hirmtl.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places 3..9 objects in a room: standing on the floor without touching each other or the walls, or stacked on the
 * flat top of a box or cylinder (one object per top), always well below the ceiling.
 */
final class Placement {
    private static final double GAP = 0.05;
    private static final double HEADROOM = 0.5;

    private final Room room;
    private final int classes;
    private final SplittableRandom rng;
    private final List<Primitive> placed = new ArrayList<>();
    private final List<Boolean> covered = new ArrayList<>();

    private Placement(Room room, int classes, SplittableRandom rng) {
        this.room = room;
        this.classes = classes;
        this.rng = rng;
    }

    /** The objects, with instance ids {@code Room.PLANES, Room.PLANES + 1, ...}. */
    static Primitive[] place(Room room, int classes, SplittableRandom rng) {
        Placement p = new Placement(room, classes, rng);
        int target = 3 + rng.nextInt(7);
        for (int attempt = 0; attempt < 300 && p.placed.size() < target; attempt++) {
            p.tryOne();
        }
        return p.placed.toArray(new Primitive[0]);
    }

    private void tryOne() {
        int cls = SynthSpec.STRUCTURE_CLASSES + rng.nextInt(classes - SynthSpec.STRUCTURE_CLASSES);
        int shape = rng.nextDouble() < 0.8 ? ClassCatalog.shape(cls) : rng.nextInt(3);
        double[] dims = dims(shape, ClassCatalog.size(cls));
        boolean stack = !placed.isEmpty() && rng.nextDouble() < 0.25;
        Primitive p = stack ? stacked(cls, shape, dims) : onFloor(cls, shape, dims);
        if (p != null && p.top < room.sy - HEADROOM) {
            placed.add(p);
            covered.add(false);
        }
    }

    /** {hx, hy, hz, angle} for a box, {r} for a sphere, {r, height} for a cylinder. */
    private double[] dims(int shape, double s) {
        return switch (shape) {
            case ClassCatalog.BOX -> new double[] {rng.nextDouble(0.15, 0.5) * s, rng.nextDouble(0.12, 0.5) * s,
                rng.nextDouble(0.15, 0.5) * s, rng.nextDouble(0, Math.PI / 2)};
            case ClassCatalog.SPHERE -> new double[] {rng.nextDouble(0.1, 0.35) * s};
            default -> new double[] {rng.nextDouble(0.1, 0.3) * s, rng.nextDouble(0.2, 0.9) * s};
        };
    }

    private static double bound(int shape, double[] d) {
        return shape == ClassCatalog.BOX ? Math.hypot(d[0], d[2]) : d[0];
    }

    private Primitive onFloor(int cls, int shape, double[] d) {
        double b = bound(shape, d);
        double m = b + 0.1;
        if (2 * m >= Math.min(room.sx, room.sz)) {
            return null;
        }
        double x = rng.nextDouble(m, room.sx - m);
        double z = rng.nextDouble(m, room.sz - m);
        for (Primitive q : placed) {
            if (Math.hypot(x - q.cx, z - q.cz) < b + q.boundRadius + GAP) {
                return null;
            }
        }
        return build(cls, shape, d, x, 0, z);
    }

    private Primitive stacked(int cls, int shape, double[] d) {
        int i = rng.nextInt(placed.size());
        Primitive support = placed.get(i);
        double fit = support.flatTopRadius() - 0.02;
        if (covered.get(i) || fit < 0.1) {
            return null;
        }
        double b = bound(shape, d);
        if (b > fit) {
            double k = fit / b;
            int sizes = shape == ClassCatalog.BOX ? 3 : d.length;
            for (int j = 0; j < sizes; j++) {
                d[j] *= k;
            }
            b = fit;
        }
        double phi = rng.nextDouble(0, 2 * Math.PI);
        double rho = (fit - b) * Math.sqrt(rng.nextDouble());
        double x = support.cx + rho * StrictMath.cos(phi);
        double z = support.cz + rho * StrictMath.sin(phi);
        Primitive p = build(cls, shape, d, x, support.top, z);
        if (p.top < room.sy - HEADROOM) {
            covered.set(i, true);
        }
        return p;
    }

    private Primitive build(int cls, int shape, double[] d, double x, double bottom, double z) {
        int inst = Room.PLANES + placed.size();
        return switch (shape) {
            case ClassCatalog.BOX -> new Box(inst, cls, x, bottom, z, d[0], d[1], d[2], d[3]);
            case ClassCatalog.SPHERE -> new Sphere(inst, cls, x, bottom, z, d[0]);
            default -> new Cylinder(inst, cls, x, bottom, z, d[0], d[1]);
        };
    }
}
