package org.hirmtl.eval.boundary;

import java.util.Arrays;

/**
 * One-to-one correspondence of predicted boundary pixels to one ground-truth boundary map, as BSDS's
 * {@code correspondPixels} counts it.
 *
 * <p>A predicted pixel and a ground-truth pixel may be paired when their Euclidean distance is at most the radius
 * ({@code u² + v² <= r²}, the test in BSDS's {@code match.cc}). {@code correspondPixels} solves a min-cost
 * assignment whose cost is the sum of paired distances ({@code <= r} each) plus the outlier cost {@code 100·r}
 * times {@code (n1 + n2 − pairs)}. One more pair lowers that by {@code 100·r}, while the augmenting path that adds
 * it changes the distance sum by at most {@code r} per hop, so its optimum is a maximum-cardinality matching
 * unless an augmenting path needs more than 100 hops with near-maximal distances, which thinned boundary maps
 * practically never produce. Only the number of matched pixels enters the metric, and every maximum matching has
 * the same size, so a maximum-cardinality matching gives the same counts without distance bookkeeping. (CSA itself
 * runs on a sparsified graph, six random outlier edges per pixel, so BSDS's own numbers are those of a near-optimal
 * assignment.) Which pixels are matched may differ from CSA's choice; that matters only when several ground truths
 * share one prediction (see {@link ImageEvaluation}).
 *
 * <p>The graph is never built: the neighbours of a pixel are read from the other side's packed bitmap
 * ({@link BitImage}), one or two words per row of the radius window. The matching is kept from one call of
 * {@link #update} to the next: the pairs of predicted pixels still present stay, and Kuhn's augmenting-path search
 * (breadth first, one search per free node of the side with fewer free nodes; a node whose search fails needs no
 * second try, and nodes seen by a failed search are skipped until the next augmentation) grows it to a maximum one.
 * A boundary map thinned at one threshold differs little from the one at the next, so most thresholds cost a few
 * short searches. Predicted pixels farther than the radius from every ground-truth pixel are dropped by a
 * precomputed mask. An instance is prepared once per ground-truth map and is not thread-safe.
 */
public final class BoundaryMatcher {

    /** Counts of one matching: matched and total predicted pixels, matched and total ground-truth pixels. */
    public record Counts(int matchedPred, int pred, int matchedGt, int gt) {}

    private final int height;
    private final int width;
    private final int reach;          // ceil(radius): rows and columns of the search window each side
    private final int[] halfWidth;    // halfWidth[dy + reach] = largest |dx| with dx² + dy² <= r², or -1
    private final BitImage gt;
    private final BitImage near;      // within the radius of some ground-truth pixel
    private final BitImage pred;      // the predicted pixels of the last update, near ones only
    private final int[] gtPixels;     // row-major indices
    private final Scratch scratch;
    private final int[] predPartner;  // pixel -> partner pixel + 1, 0 = free
    private final int[] gtPartner;
    private int predCount;
    private int pairs;

    /** Prepares the search structures for one ground-truth map ({@code h × w}, row-major, true = boundary). */
    public BoundaryMatcher(boolean[] gt, int h, int w, double radius) {
        this(gt, h, w, radius, new Scratch(), 0);
    }

    /**
     * With shared scratch arrays: {@code slot} picks this matcher's partner arrays in it (matchers used together
     * need distinct slots).
     */
    BoundaryMatcher(boolean[] gt, int h, int w, double radius, Scratch scratch, int slot) {
        if (gt.length != h * w) {
            throw new IllegalArgumentException("ground truth length " + gt.length + " is not " + h + "x" + w);
        }
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
        }
        height = h;
        width = w;
        reach = (int) Math.min(Math.ceil(radius), Math.max(h, w));
        halfWidth = new int[2 * reach + 1];
        for (int dy = -reach; dy <= reach; dy++) {
            int hw = -1;
            for (int dx = 0; dx <= reach; dx++) {
                if ((double) (dx * dx + dy * dy) <= radius * radius) {
                    hw = dx;
                }
            }
            halfWidth[dy + reach] = hw;
        }
        this.gt = BitImage.of(gt, h, w);
        near = new BitImage(h, w);
        pred = new BitImage(h, w);
        int n = 0;
        for (boolean b : gt) {
            n += b ? 1 : 0;
        }
        gtPixels = new int[n];
        n = 0;
        for (int i = 0; i < gt.length; i++) {
            if (gt[i]) {
                gtPixels[n++] = i;
                markNear(i / w, i % w);
            }
        }
        this.scratch = scratch;
        scratch.ensure(h * w, slot);
        predPartner = scratch.partners[2 * slot];
        gtPartner = scratch.partners[2 * slot + 1];
        Arrays.fill(predPartner, 0, h * w, 0);
        Arrays.fill(gtPartner, 0, h * w, 0);
    }

    /** Matches {@code pred} to {@code gt} within {@code radius} pixels; a convenience over a fresh instance. */
    public static Counts match(boolean[] pred, boolean[] gt, int h, int w, double radius) {
        if (pred.length != h * w) {
            throw new IllegalArgumentException("prediction length " + pred.length + " is not " + h + "x" + w);
        }
        BoundaryMatcher m = new BoundaryMatcher(gt, h, w, radius);
        int n = 0;
        for (boolean b : pred) {
            n += b ? 1 : 0;
        }
        int matched = m.update(BitImage.of(pred, h, w));
        return new Counts(matched, n, matched, m.gtCount());
    }

    /** Number of ground-truth boundary pixels. */
    public int gtCount() {
        return gtPixels.length;
    }

    /**
     * Makes {@code thinned} (the whole predicted boundary map, same size) the predicted side and returns the size of
     * a maximum matching, starting from the pairs of the previous call whose predicted pixel is still there.
     */
    int update(BitImage thinned) {
        scratch.nextStamp();   // marks of earlier searches (other thresholds, other matchers) no longer hold
        long[] t = thinned.bits;
        long[] nr = near.bits;
        long[] p = pred.bits;
        int wordsPerRow = pred.stride - 2;
        predCount = 0;
        for (int y = 0; y < height; y++) {
            int rowStart = (y + 1) * pred.stride + 1;
            for (int c = 0; c < wordsPerRow; c++) {
                int i = rowStart + c;
                long now = t[i] & nr[i];
                long gone = p[i] & ~now;
                while (gone != 0) {
                    int px = y * width + (c << 6) + Long.numberOfTrailingZeros(gone);
                    gone &= gone - 1;
                    int g = predPartner[px];
                    if (g != 0) {
                        gtPartner[g - 1] = 0;
                        predPartner[px] = 0;
                        pairs--;
                    }
                }
                p[i] = now;
                predCount += Long.bitCount(now);
            }
        }
        int freePred = predCount - pairs;
        int freeGt = gtPixels.length - pairs;
        if (freePred == 0 || freeGt == 0) {
            return pairs;
        }
        if (freeGt <= freePred) {
            for (int g : gtPixels) {
                if (gtPartner[g] == 0 && search(g, pred.bits, gtPartner, predPartner)) {
                    pairs++;
                }
            }
        } else {
            long[] gtBits = gt.bits;
            for (int y = 0; y < height; y++) {
                int rowStart = (y + 1) * pred.stride + 1;
                for (int c = 0; c < wordsPerRow; c++) {
                    long m = p[rowStart + c];
                    while (m != 0) {
                        int px = y * width + (c << 6) + Long.numberOfTrailingZeros(m);
                        m &= m - 1;
                        if (predPartner[px] == 0 && search(px, gtBits, predPartner, gtPartner)) {
                            pairs++;
                        }
                    }
                }
            }
        }
        return pairs;
    }

    /** Sets in {@code out} the predicted pixels paired by the last {@link #update}. */
    void markMatched(BitImage out) {
        long[] p = pred.bits;
        long[] o = out.bits;
        int wordsPerRow = pred.stride - 2;
        for (int y = 0; y < height; y++) {
            int rowStart = (y + 1) * pred.stride + 1;
            for (int c = 0; c < wordsPerRow; c++) {
                long m = p[rowStart + c];
                long matched = 0;
                while (m != 0) {
                    int b = Long.numberOfTrailingZeros(m);
                    m &= m - 1;
                    if (predPartner[y * width + (c << 6) + b] != 0) {
                        matched |= 1L << b;
                    }
                }
                o[rowStart + c] |= matched;
            }
        }
    }

    /**
     * Breadth-first search for an augmenting path from the free node {@code root}; its neighbours are the set bits
     * of {@code other} within the radius. Augments and returns true when a free node of the other side is reached.
     */
    private boolean search(int root, long[] other, int[] partnerA, int[] partnerB) {
        Scratch s = scratch;
        int[] visitedA = partnerA == gtPartner ? s.visitedGt : s.visitedPred;
        int[] visitedB = partnerA == gtPartner ? s.visitedPred : s.visitedGt;
        int[] parentB = s.parent;
        int[] queue = s.queue;
        int stamp = s.stamp;
        int stride = pred.stride;
        visitedA[root] = stamp;
        queue[0] = root;
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int a = queue[head++];
            int ya = a / width;
            int xa = a - ya * width;
            for (int dy = -reach; dy <= reach; dy++) {
                int yy = ya + dy;
                int hw = halfWidth[dy + reach];
                if (yy < 0 || yy >= height || hw < 0) {
                    continue;
                }
                int lo = Math.max(0, xa - hw);
                int hi = Math.min(width - 1, xa + hw);
                int base = (yy + 1) * stride + 1;
                int rowPixel = yy * width;
                for (int wc = lo >>> 6, last = hi >>> 6; wc <= last; wc++) {
                    long m = other[base + wc];
                    if (wc == lo >>> 6) {
                        m &= -1L << lo;
                    }
                    if (wc == last) {
                        m &= -1L >>> (63 - (hi & 63));
                    }
                    while (m != 0) {
                        int v = rowPixel + (wc << 6) + Long.numberOfTrailingZeros(m);
                        m &= m - 1;
                        if (visitedB[v] == stamp) {
                            continue;
                        }
                        visitedB[v] = stamp;
                        parentB[v] = a;
                        int next = partnerB[v];
                        if (next == 0) {
                            augment(v, partnerA, partnerB);
                            s.nextStamp();
                            return true;
                        }
                        if (visitedA[next - 1] != stamp) {
                            visitedA[next - 1] = stamp;
                            queue[tail++] = next - 1;
                        }
                    }
                }
            }
        }
        return false;   // the stamp stays: what this search saw cannot reach a free node either
    }

    /** Flips the path that ends at the free node {@code v} (its parents lead back to a free root). */
    private void augment(int v, int[] partnerA, int[] partnerB) {
        int[] parentB = scratch.parent;
        while (true) {
            int a = parentB[v];
            int previous = partnerA[a];
            partnerA[a] = v + 1;
            partnerB[v] = a + 1;
            if (previous == 0) {
                return;
            }
            v = previous - 1;
        }
    }

    private void markNear(int y, int x) {
        for (int dy = -reach; dy <= reach; dy++) {
            int yy = y + dy;
            int hw = halfWidth[dy + reach];
            if (yy < 0 || yy >= height || hw < 0) {
                continue;
            }
            int lo = Math.max(0, x - hw);
            int hi = Math.min(width - 1, x + hw);
            int base = (yy + 1) * near.stride + 1;
            for (int wc = lo >>> 6, last = hi >>> 6; wc <= last; wc++) {
                long m = -1L;
                if (wc == lo >>> 6) {
                    m &= -1L << lo;
                }
                if (wc == last) {
                    m &= -1L >>> (63 - (hi & 63));
                }
                near.bits[base + wc] |= m;
            }
        }
    }

    /**
     * Pixel-indexed working arrays, reused across images by one thread: search marks (a node is marked when its
     * mark equals the current stamp, so nothing is cleared between searches) and, per matcher slot, the partner
     * arrays.
     */
    static final class Scratch {
        int[] visitedPred = new int[0];
        int[] visitedGt = new int[0];
        int[] parent = new int[0];
        int[] queue = new int[0];
        int[][] partners = new int[0][];
        int stamp = 1;

        void ensure(int pixels, int slot) {
            if (visitedPred.length < pixels) {
                visitedPred = new int[pixels];
                visitedGt = new int[pixels];
                parent = new int[pixels];
                queue = new int[pixels];
                stamp = 1;
            }
            if (partners.length < 2 * slot + 2) {
                partners = Arrays.copyOf(partners, 2 * slot + 2);
            }
            for (int k = 2 * slot; k < 2 * slot + 2; k++) {
                if (partners[k] == null || partners[k].length < pixels) {
                    partners[k] = new int[pixels];
                }
            }
        }

        void nextStamp() {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(visitedPred, 0);
                Arrays.fill(visitedGt, 0);
                stamp = 1;
            }
        }
    }
}
