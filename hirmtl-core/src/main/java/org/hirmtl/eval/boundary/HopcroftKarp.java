package org.hirmtl.eval.boundary;

import java.util.Arrays;

/**
 * Maximum-cardinality bipartite matching (Hopcroft and Karp, 1973) on a graph given as adjacency lists of the left
 * nodes, built node by node; each node is paired greedily with its first free neighbour as it is added, and
 * {@link #solve} then augments from whichever side has fewer free nodes (searching from the side where nodes stay
 * unmatched for lack of partners explores the whole graph in every phase). Depth-first searches are iterative, so
 * long augmenting paths cannot overflow the stack. Deterministic: nodes and edges are visited in the order they
 * were added. Buffers are reused between graphs; not thread-safe.
 */
final class HopcroftKarp {

    private static final int INF = Integer.MAX_VALUE;

    private int[] adjStart = new int[65];
    private int[] adj = new int[256];
    private int[] matchL = new int[64];
    private int[] matchR = new int[64];
    private int[] dist = new int[64];
    private int[] iter = new int[64];
    private int[] stack = new int[64];
    private int[] tStart = new int[66];    // right-to-left adjacency, built only when searching from the right
    private int[] tAdj = new int[0];
    private int nLeft;
    private int nRight;
    private int nAdj;
    private int pairs;

    /** Starts a new graph with at most {@code maxLeft} left nodes and right nodes {@code 0..nRight-1}. */
    void reset(int maxLeft, int nRight) {
        if (matchL.length < maxLeft) {
            int size = Math.max(maxLeft, 2 * matchL.length);
            adjStart = new int[size + 1];
            matchL = new int[size];
        }
        if (matchR.length < nRight) {
            matchR = new int[Math.max(nRight, 2 * matchR.length)];
        }
        Arrays.fill(matchR, 0, nRight, -1);
        this.nRight = nRight;
        nLeft = 0;
        nAdj = 0;
        pairs = 0;
        adjStart[0] = 0;
    }

    /** Adds an edge from the left node being built to right node {@code v}. */
    void addEdge(int v) {
        if (nAdj == adj.length) {
            adj = Arrays.copyOf(adj, 2 * nAdj);
        }
        adj[nAdj++] = v;
    }

    /**
     * Ends the left node being built: it is kept (and numbered) only if it has an edge, and then paired with its
     * first free neighbour, if any (the greedy seed). Returns whether it was kept.
     */
    boolean closeNode() {
        int from = adjStart[nLeft];
        if (nAdj == from) {
            return false;
        }
        int u = nLeft++;
        adjStart[nLeft] = nAdj;
        matchL[u] = -1;
        for (int e = from; e < nAdj; e++) {
            if (matchR[adj[e]] < 0) {
                matchL[u] = adj[e];
                matchR[adj[e]] = u;
                pairs++;
                break;
            }
        }
        return true;
    }

    /** Size of the current matching (greedy until {@link #solve}). */
    int pairs() {
        return pairs;
    }

    /** Number of left nodes kept. */
    int leftCount() {
        return nLeft;
    }

    /** The right partner of left node {@code u} after {@link #solve}, or -1. */
    int partner(int u) {
        return matchL[u];
    }

    /** Grows the greedy matching into a maximum one; returns its size. */
    int solve() {
        if (pairs == Math.min(nLeft, nRight)) {
            return pairs;
        }
        if (freeRightWithEdges() >= nLeft - pairs) {
            augmentAll();
            return pairs;
        }
        // Few free nodes on the right (typically ground truth next to a dense prediction): search from there.
        int leftCount = nLeft;
        int rightCount = nRight;
        transpose();
        swapSides();
        nLeft = rightCount;
        nRight = leftCount;
        augmentAll();
        swapSides();
        nLeft = leftCount;
        nRight = rightCount;
        return pairs;
    }

    /** Hopcroft–Karp phases from the left side until no augmenting path is left. */
    private void augmentAll() {
        if (dist.length < nLeft) {
            dist = new int[nLeft];
            iter = new int[nLeft];
            stack = new int[nLeft];
        }
        while (pairs < Math.min(nLeft, nRight) && layer()) {
            for (int u = 0; u < nLeft; u++) {
                if (matchL[u] < 0 && augment(u)) {
                    pairs++;
                }
            }
        }
    }

    private int freeRightWithEdges() {
        if (tStart.length < nRight + 2) {
            tStart = new int[Math.max(nRight + 2, 2 * tStart.length)];
        }
        Arrays.fill(tStart, 0, nRight + 2, 0);
        for (int e = 0; e < nAdj; e++) {
            tStart[adj[e] + 2]++;   // degrees, shifted for the prefix sums of transpose()
        }
        int free = 0;
        for (int v = 0; v < nRight; v++) {
            free += matchR[v] < 0 && tStart[v + 2] > 0 ? 1 : 0;
        }
        return free;
    }

    /** The right-to-left adjacency, edges in the order they were added; degrees from freeRightWithEdges. */
    private void transpose() {
        if (tAdj.length < nAdj) {
            tAdj = new int[adj.length];
        }
        for (int v = 0; v < nRight; v++) {
            tStart[v + 2] += tStart[v + 1];
        }
        for (int u = 0; u < nLeft; u++) {
            for (int e = adjStart[u]; e < adjStart[u + 1]; e++) {
                tAdj[tStart[adj[e] + 1]++] = u;
            }
        }
    }

    /** Exchanges the roles of the two sides' adjacency and matching arrays (the caller sets {@code nLeft}). */
    private void swapSides() {
        int[] t = adjStart;
        adjStart = tStart;
        tStart = t;
        t = adj;
        adj = tAdj;
        tAdj = t;
        t = matchL;
        matchL = matchR;
        matchR = t;
    }

    /** BFS layers from the free left nodes, up to the shortest augmenting paths; true when there are some. */
    private boolean layer() {
        int head = 0;
        int tail = 0;
        for (int u = 0; u < nLeft; u++) {
            iter[u] = adjStart[u];
            if (matchL[u] < 0) {
                dist[u] = 0;
                stack[tail++] = u;   // the stack array doubles as the BFS queue here
            } else {
                dist[u] = INF;
            }
        }
        int limit = INF;   // the layer of the shortest augmenting paths: nothing beyond it is explored
        while (head < tail) {
            int u = stack[head++];
            if (dist[u] >= limit) {
                continue;
            }
            for (int e = adjStart[u]; e < adjStart[u + 1]; e++) {
                int w = matchR[adj[e]];
                if (w < 0) {
                    limit = Math.min(limit, dist[u] + 1);
                } else if (dist[w] == INF) {
                    dist[w] = dist[u] + 1;
                    stack[tail++] = w;
                }
            }
        }
        return limit != INF;
    }

    /** DFS along the layers from free node {@code root}; true when it augmented the matching. */
    private boolean augment(int root) {
        int sp = 0;
        stack[sp++] = root;
        while (sp > 0) {
            int u = stack[sp - 1];
            if (iter[u] == adjStart[u + 1]) {
                dist[u] = INF;
                if (--sp > 0) {
                    iter[stack[sp - 1]]++;
                }
                continue;
            }
            int w = matchR[adj[iter[u]]];
            if (w < 0) {
                for (int s = sp - 1; s >= 0; s--) {
                    int uu = stack[s];
                    int v = adj[iter[uu]];
                    matchL[uu] = v;
                    matchR[v] = uu;
                }
                return true;
            }
            if (dist[w] != INF && dist[w] == dist[u] + 1) {
                stack[sp++] = w;
            } else {
                iter[u]++;
            }
        }
        return false;
    }
}
