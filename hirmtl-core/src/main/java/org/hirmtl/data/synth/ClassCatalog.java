package org.hirmtl.data.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fixed per-class properties, the same for every seed: name, preferred shape, base colour, texture and size.
 * Object class {@code c >= 3} has preferred shape {@code (c - 3) % 3} (box, sphere, cylinder).
 */
final class ClassCatalog {
    static final int BOX = 0;
    static final int SPHERE = 1;
    static final int CYLINDER = 2;

    private static final String[][] NAMES = {
        {"cabinet", "table", "crate", "bed", "desk", "dresser", "shelf", "bench"},
        {"ball", "globe", "lamp", "melon", "pouf", "bowl"},
        {"bin", "stool", "vase", "pot", "drum", "column"},
    };

    private ClassCatalog() {
    }

    /** The preferred shape of object class {@code cls}. */
    static int shape(int cls) {
        return (cls - SynthSpec.STRUCTURE_CLASSES) % 3;
    }

    /** The name of class {@code cls}; object names are unique (a suffix is added once a list runs out). */
    static String name(int cls) {
        switch (cls) {
            case SynthSpec.FLOOR: return "floor";
            case SynthSpec.WALL: return "wall";
            case SynthSpec.CEILING: return "ceiling";
            default: break;
        }
        int i = cls - SynthSpec.STRUCTURE_CLASSES;
        String[] list = NAMES[i % 3];
        int round = i / 3;
        return round < list.length ? list[round] : list[round % list.length] + (round / list.length + 1);
    }

    /** Names of classes {@code 0 .. k-1}. */
    static List<String> names(int k) {
        List<String> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            out.add(name(c));
        }
        return Collections.unmodifiableList(out);
    }

    /** Base colour of object class {@code cls}: hues spread by the golden ratio, saturated, mid-bright. */
    static double[] colour(int cls) {
        int i = cls - SynthSpec.STRUCTURE_CLASSES;
        double hue = (0.02 + 0.618034 * i) % 1.0;
        double sat = 0.55 + 0.2 * ((i * 5) % 3) / 2.0;
        double val = 0.62 + 0.2 * ((i * 7) % 4) / 3.0;
        return hsv(hue, sat, val);
    }

    /** Texture kind of object class {@code cls}; decorrelated from the shape. */
    static int texture(int cls) {
        int i = cls - SynthSpec.STRUCTURE_CLASSES;
        return 1 + (i + i / 3) % 3;
    }

    /** Size factor of object class {@code cls}, 0.8 .. 1.2. */
    static double size(int cls) {
        int i = cls - SynthSpec.STRUCTURE_CLASSES;
        return 0.8 + 0.4 * ((i * 3) % 5) / 4.0;
    }

    static double[] hsv(double h, double s, double v) {
        double f = h * 6 - Math.floor(h * 6);
        double p = v * (1 - s);
        double q = v * (1 - f * s);
        double t = v * (1 - (1 - f) * s);
        return switch ((int) Math.floor(h * 6) % 6) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
    }
}
