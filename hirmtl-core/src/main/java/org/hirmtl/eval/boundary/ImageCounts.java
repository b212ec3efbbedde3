package org.hirmtl.eval.boundary;

/**
 * One image's counts per threshold, the columns of BSDS's {@code <id>_ev1.txt}: matched and total ground-truth
 * pixels ({@code cntR}, {@code sumR}, summed over the image's ground truths) and matched and total thinned
 * predicted pixels ({@code cntP}, {@code sumP}).
 */
record ImageCounts(int[] cntR, int[] sumR, int[] cntP, int[] sumP) {

    ImageCounts {
        int n = cntR.length;
        if (sumR.length != n || cntP.length != n || sumP.length != n) {
            throw new IllegalArgumentException("count arrays differ in length");
        }
    }

    /** Number of thresholds. */
    int size() {
        return cntR.length;
    }
}
