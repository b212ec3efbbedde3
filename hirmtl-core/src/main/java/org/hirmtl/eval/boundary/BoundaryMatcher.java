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
 * the same size, so a maximum-cardinality matching ({@link HopcroftKarp}) gives the same counts without distance
 * bookkeeping. (CSA itself runs on a sparsified graph, six random outlier edges per pixel, so BSDS's own numbers
 * are those of a near-optimal assignment.) Which pixels are matched may differ from CSA's choice; that matters
 * only when several ground truths share one prediction (see {@link ImageEvaluation}).
 *
 * <p>The bipartite graph is built only from pixels within the radius window: each ground-truth row keeps a
 * "next boundary column" index, so the neighbours of a predicted pixel cost one probe per window row plus one per
 * neighbour, and predicted pixels farther than the radius from every ground-truth pixel are dropped by a
 * precomputed mask. Building stops early once every ground-truth pixel is paired. An instance is prepared once per
 * ground-truth map, reuses its buffers and is not thread-safe.
 */
public final class BoundaryMatcher {

    /** Counts of one matching: matched and total predicted pixels, matched and total ground-truth pixels. */
    public record Counts(int matchedPred, int pred, int matchedGt, int gt) {}

    private final int height;
    private final int width;
    private final int reach;          // ceil(radius): rows and columns of the search window each side
    private final int[] halfWidth;    // halfWidth[dy + reach] = largest |dx| with dx² + dy² <= r²
    private final int[] gtPixel;      // ground-truth node -> pixel
    private final int[] gtNode;       // pixel -> ground-truth node, else -1
    private final int[] nextInRow;    // per row, w + 1 entries: first ground-truth column >= x, or w
    private final boolean[] near;     // within the radius of some ground-truth pixel

    private int[] leftId = new int[64];     // left node -> position in the predicted pixel list
    private final HopcroftKarp graph = new HopcroftKarp();

    /** Prepares the search structures for one ground-truth map ({@code h × w}, row-major, true = boundary). */
    public BoundaryMatcher(boolean[] gt, int h, int w, double radius) {
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
        gtNode = new int[h * w];
        nextInRow = new int[h * (w + 1)];
        near = new boolean[h * w];
        int n = 0;
        for (int y = 0; y < h; y++) {
            int next = w;
            nextInRow[y * (w + 1) + w] = w;
            for (int x = w - 1; x >= 0; x--) {
                if (gt[y * w + x]) {
                    next = x;
                }
                nextInRow[y * (w + 1) + x] = next;
            }
            for (int x = 0; x < w; x++) {
                gtNode[y * w + x] = gt[y * w + x] ? n++ : -1;
                if (gt[y * w + x]) {
                    markNear(y, x);
                }
            }
        }
        gtPixel = new int[n];
        for (int i = 0; i < h * w; i++) {
            if (gtNode[i] >= 0) {
                gtPixel[gtNode[i]] = i;
            }
        }
    }

    /** Matches {@code pred} to {@code gt} within {@code radius} pixels; a convenience over a fresh instance. */
    public static Counts match(boolean[] pred, boolean[] gt, int h, int w, double radius) {
        if (pred.length != h * w) {
            throw new IllegalArgumentException("prediction length " + pred.length + " is not " + h + "x" + w);
        }
        BoundaryMatcher m = new BoundaryMatcher(gt, h, w, radius);
        int[] pixels = new int[h * w];
        int n = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i]) {
                pixels[n++] = i;
            }
        }
        int matched = m.match(pixels, n, null);
        return new Counts(matched, n, matched, m.gtCount());
    }

    /** Number of ground-truth boundary pixels. */
    public int gtCount() {
        return gtPixel.length;
    }

    /**
     * Matches the first {@code n} predicted pixels of {@code pixels} (distinct indices {@code y * w + x}) and
     * returns the number of pairs; when {@code matched} is not null, sets {@code matched[k]} for each paired
     * {@code pixels[k]}.
     */
    public int match(int[] pixels, int n, boolean[] matched) {
        int nearCount = 0;
        for (int k = 0; k < n; k++) {
            nearCount += near[pixels[k]] ? 1 : 0;
        }
        if (nearCount == 0 || gtPixel.length == 0) {
            return 0;
        }
        int nLeft = buildGraph(pixels, n, nearCount);
        int pairs = graph.solve();
        if (matched != null) {
            for (int u = 0; u < nLeft; u++) {
                if (graph.partner(u) >= 0) {
                    matched[leftId[u]] = true;
                }
            }
        }
        return pairs;
    }

    private void markNear(int y, int x) {
        for (int dy = -reach; dy <= reach; dy++) {
            int yy = y + dy;
            int hw = halfWidth[dy + reach];
            if (yy < 0 || yy >= height || hw < 0) {
                continue;
            }
            int from = yy * width + Math.max(0, x - hw);
            int to = yy * width + Math.min(width - 1, x + hw);
            Arrays.fill(near, from, to + 1, true);
        }
    }

    /** Left = predicted pixels near the ground truth, right = ground-truth nodes found through the row index. */
    private int buildGraph(int[] pixels, int n, int nearCount) {
        graph.reset(nearCount, gtPixel.length);
        ensureIds(nearCount);
        for (int k = 0; k < n; k++) {
            int p = pixels[k];
            if (!near[p]) {
                continue;
            }
            int y = p / width;
            int x = p - y * width;
            for (int dy = -reach; dy <= reach; dy++) {
                int yy = y + dy;
                int hw = halfWidth[dy + reach];
                if (yy < 0 || yy >= height || hw < 0) {
                    continue;
                }
                int hi = Math.min(width - 1, x + hw);
                int rowNext = yy * (width + 1);
                for (int c = nextInRow[rowNext + Math.max(0, x - hw)]; c <= hi; c = nextInRow[rowNext + c + 1]) {
                    graph.addEdge(gtNode[yy * width + c]);
                }
            }
            if (graph.closeNode()) {
                leftId[graph.leftCount() - 1] = k;
                if (graph.pairs() == gtPixel.length) {
                    break;   // every ground-truth pixel is paired: no matching can be larger
                }
            }
        }
        return graph.leftCount();
    }

    private void ensureIds(int n) {
        if (leftId.length < n) {
            leftId = new int[Math.max(n, 2 * leftId.length)];
        }
    }
}
