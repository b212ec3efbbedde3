package org.hirmtl.data.synth;

import java.util.List;
import java.util.Locale;

/**
 * What to generate: how many scenes, of what size, with how many semantic classes, from which seed.
 *
 * <p>Scenes are numbered {@code 0 .. train + val - 1}; the first {@code train} form the training split, the rest the
 * validation split. Classes 0, 1 and 2 are the room structure (floor, wall, ceiling); classes {@code 3 .. classes-1}
 * are objects.
 *
 * @param train number of training scenes, at least 1
 * @param val number of validation scenes, at least 0
 * @param height image rows, at least 16
 * @param width image columns, at least 16
 * @param classes number of semantic classes {@code K}, 4 to 255 (the label PNG stores {@code class + 1})
 * @param seed the dataset seed; scene {@code i} depends only on {@code (seed, i)}
 */
public record SynthSpec(int train, int val, int height, int width, int classes, long seed) {
    /** Class id of the floor. */
    public static final int FLOOR = 0;
    /** Class id of the walls. */
    public static final int WALL = 1;
    /** Class id of the ceiling. */
    public static final int CEILING = 2;
    /** Number of room-structure classes; classes from this id on are objects (salient). */
    public static final int STRUCTURE_CLASSES = 3;
    /** Default number of classes. */
    public static final int DEFAULT_CLASSES = 8;
    private static final int MAX_SIZE = 4096;

    /** Validates every field; an error names the field and the bad value. */
    public SynthSpec {
        check(train >= 1, "train", train, "must be >= 1");
        check(val >= 0, "val", val, "must be >= 0");
        check(height >= 16 && height <= MAX_SIZE, "height", height, "must be in 16.." + MAX_SIZE);
        check(width >= 16 && width <= MAX_SIZE, "width", width, "must be in 16.." + MAX_SIZE);
        check(classes >= 4 && classes <= 255, "classes", classes, "must be in 4..255");
        check((long) train + val <= 10_000_000, "train+val", (long) train + val, "must be <= 10000000");
    }

    private static void check(boolean ok, String field, long value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("synth." + field + ": " + rule + ", got " + value);
        }
    }

    /** Total number of scenes, {@code train + val}. */
    public int scenes() {
        return train + val;
    }

    /** The file id of scene {@code index}: five digits, zero padded ({@code 00042}). */
    public String id(int index) {
        return String.format(Locale.ROOT, "%05d", index);
    }

    /** Whether scene {@code index} belongs to the training split. */
    public boolean isTrain(int index) {
        return index < train;
    }

    /** The class names: {@code floor, wall, ceiling}, then one object name per object class. */
    public List<String> classNames() {
        return ClassCatalog.names(classes);
    }

    /** Whether {@code classId} is room structure (floor, wall or ceiling), i.e. not salient. */
    public static boolean isStructure(int classId) {
        return classId < STRUCTURE_CLASSES;
    }
}
