package org.hirmtl.data.synth;

import java.util.SplittableRandom;

/**
 * A surface's albedo: a base colour times a procedural solid texture (checker, stripes or value noise) evaluated at
 * the world-space hit point, so no texture coordinates are needed. Random phases keep cell borders off the room's
 * planes. Per-pixel arithmetic avoids transcendental functions, so textures are bit-reproducible.
 */
final class Material {
    static final int PLAIN = 0;
    static final int CHECKER = 1;
    static final int STRIPES = 2;
    static final int NOISE = 3;

    final double r;
    final double g;
    final double b;
    private final int kind;
    private final double freq;
    private final double contrast;
    private final double px;
    private final double py;
    private final double pz;
    private final double sx;
    private final double sy;
    private final double sz;
    private final int seed;

    Material(double[] rgb, int kind, double scale, double contrast, SplittableRandom rng) {
        this.r = rgb[0];
        this.g = rgb[1];
        this.b = rgb[2];
        this.kind = kind;
        this.freq = 1 / scale;
        this.contrast = contrast;
        this.px = rng.nextDouble(0.1, 0.9);
        this.py = rng.nextDouble(0.1, 0.9);
        this.pz = rng.nextDouble(0.1, 0.9);
        double[] axis = {0, 0, 0};
        axis[rng.nextInt(3)] = 1;
        this.sx = axis[0];
        this.sy = axis[1];
        this.sz = axis[2];
        this.seed = rng.nextInt();
    }

    /** An object of class {@code cls}: its class colour with per-instance variation, its class texture. */
    static Material object(int cls, SplittableRandom rng) {
        double[] c = vary(ClassCatalog.colour(cls), 0.06, 0.1, rng);
        return new Material(c, ClassCatalog.texture(cls), rng.nextDouble(0.06, 0.2), rng.nextDouble(0.08, 0.2), rng);
    }

    /** The floor: tiles (checker) or planks (stripes) in a wood, stone or carpet tone. */
    static Material floor(SplittableRandom rng) {
        double[] c = ClassCatalog.hsv(rng.nextDouble(0.04, 0.12), rng.nextDouble(0.2, 0.5), rng.nextDouble(0.35, 0.6));
        int kind = rng.nextBoolean() ? CHECKER : STRIPES;
        return new Material(c, kind, rng.nextDouble(0.25, 0.6), rng.nextDouble(0.08, 0.18), rng);
    }

    /** The wall base colour of a scene: pale, slightly tinted. */
    static double[] wallColour(SplittableRandom rng) {
        return ClassCatalog.hsv(rng.nextDouble(), rng.nextDouble(0.05, 0.25), rng.nextDouble(0.65, 0.85));
    }

    /** One wall: the scene's wall colour with a small per-wall variation, faint noise or wallpaper stripes. */
    static Material wall(double[] base, boolean striped, SplittableRandom rng) {
        double[] c = vary(base, 0.02, 0.04, rng);
        return new Material(c, striped ? STRIPES : NOISE, rng.nextDouble(0.15, 0.4), rng.nextDouble(0.03, 0.08), rng);
    }

    /** The ceiling: near white, faint noise. */
    static Material ceiling(SplittableRandom rng) {
        double v = rng.nextDouble(0.8, 0.95);
        return new Material(new double[] {v, v, v * 0.98}, NOISE, 0.5, 0.03, rng);
    }

    private static double[] vary(double[] base, double perChannel, double brightness, SplittableRandom rng) {
        double k = 1 + brightness * (2 * rng.nextDouble() - 1);
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            c[i] = Math.min(1, base[i] * k * (1 + perChannel * (2 * rng.nextDouble() - 1)));
        }
        return c;
    }

    /** The texture's multiplicative factor at world point {@code (x, y, z)}, around 1. */
    double pattern(double x, double y, double z) {
        double u = x * freq + px;
        double v = y * freq + py;
        double w = z * freq + pz;
        return switch (kind) {
            case CHECKER -> ((long) Math.floor(u) + (long) Math.floor(v) + (long) Math.floor(w) & 1) == 0
                    ? 1 + contrast : 1 - contrast;
            case STRIPES -> 1 + contrast * wave(u * sx + v * sy + w * sz);
            case NOISE -> 1 + contrast * (2 * noise(u, v, w) - 1);
            default -> 1;
        };
    }

    /** A smooth periodic wave in [-1, 1] with period 1, from exact arithmetic only (reproducible anywhere). */
    private static double wave(double t) {
        double f = t - Math.floor(t);
        return 8 * f * (1 - f) - 1;
    }

    /** Value noise in [0, 1]: hashed lattice values, smoothstep-interpolated. */
    private double noise(double u, double v, double w) {
        double fu = Math.floor(u);
        double fv = Math.floor(v);
        double fw = Math.floor(w);
        int iu = (int) fu;
        int iv = (int) fv;
        int iw = (int) fw;
        double a = smooth(u - fu);
        double b2 = smooth(v - fv);
        double c = smooth(w - fw);
        double x00 = lerp(a, hash(iu, iv, iw), hash(iu + 1, iv, iw));
        double x10 = lerp(a, hash(iu, iv + 1, iw), hash(iu + 1, iv + 1, iw));
        double x01 = lerp(a, hash(iu, iv, iw + 1), hash(iu + 1, iv, iw + 1));
        double x11 = lerp(a, hash(iu, iv + 1, iw + 1), hash(iu + 1, iv + 1, iw + 1));
        return lerp(c, lerp(b2, x00, x10), lerp(b2, x01, x11));
    }

    private double hash(int x, int y, int z) {
        int h = x * 374761393 + y * 668265263 + z * 1274126177 + seed;
        h = (h ^ (h >>> 13)) * 1103515245;
        h ^= h >>> 16;
        return (h & 0xffffff) / (double) 0x1000000;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double t, double a, double b) {
        return a + t * (b - a);
    }
}
