package org.hirmtl.data.synth;

/** Labels derived from the class and instance maps: edges and saliency. */
final class Labels {
    private Labels() {
    }

    /**
     * 1-px boundaries: pixel {@code (x, y)} is an edge when its right or lower neighbour has a different instance or
     * class. So every label change between 4-neighbours is marked on exactly its left/upper side.
     */
    static float[] edges(int[] instances, int[] classes, int height, int width) {
        float[] e = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                boolean right = x + 1 < width && differ(instances, classes, p, p + 1);
                boolean down = y + 1 < height && differ(instances, classes, p, p + width);
                e[p] = right || down ? 1f : 0f;
            }
        }
        return e;
    }

    static boolean differ(int[] instances, int[] classes, int p, int q) {
        return instances[p] != instances[q] || classes[p] != classes[q];
    }

    /** 1 on objects, 0 on room structure. */
    static float[] saliency(int[] classes) {
        float[] s = new float[classes.length];
        for (int p = 0; p < s.length; p++) {
            s[p] = SynthSpec.isStructure(classes[p]) ? 0f : 1f;
        }
        return s;
    }
}
