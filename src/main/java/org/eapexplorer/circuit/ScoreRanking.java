package org.eapexplorer.circuit;

import java.util.Arrays;
import java.util.BitSet;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;

/**
 * All edges of a score set sorted once by |score| descending, ties by edge index, unscored (NaN) edges last.
 *
 * <p>Sorting costs a few milliseconds for GPT-2 small's 32,491 edges and is done once per score set; after that
 * a threshold is a binary search ({@link #countAtLeast(double)}) and the kept edges of any cut are a prefix of
 * the order, so moving the threshold slider never re-sorts. Ranks are 0-based: rank 0 is the largest |score|.
 */
public final class ScoreRanking {

    private final EdgeScores scores;
    private final EdgeTable table;
    /** order[rank] = edge index. */
    private final int[] order;
    /** rankOf[edge] = rank. */
    private final int[] rankOf;
    /** sortedAbs[rank] = |score| of edge order[rank]; NaN for the unscored tail. */
    private final float[] sortedAbs;
    /** Number of edges with a non-NaN score; they occupy ranks 0 .. scoredCount-1. */
    private final int scoredCount;

    private ScoreRanking(EdgeScores scores, EdgeTable table) {
        this.scores = scores;
        this.table = table;
        float[] s = scores.scores();
        int n = s.length;
        // One primitive sort of packed keys instead of sorting boxed Integers with a comparator (≈10× faster):
        // high 32 bits grow as |score| shrinks (NaN largest), low 32 bits are the edge index, the tie-breaker.
        long[] keys = new long[n];
        int scored = 0;
        for (int e = 0; e < n; e++) {
            float abs = Math.abs(s[e]);
            long high;
            if (Float.isNaN(abs)) {
                high = Integer.MAX_VALUE;
            } else {
                // For non-negative floats the raw bits are monotonic; +Infinity is 0x7f800000, the largest.
                high = 0x7f800000L - Float.floatToIntBits(abs);
                scored++;
            }
            keys[e] = (high << 32) | e;
        }
        Arrays.sort(keys);
        this.order = new int[n];
        this.rankOf = new int[n];
        this.sortedAbs = new float[n];
        for (int rank = 0; rank < n; rank++) {
            int e = (int) keys[rank];
            order[rank] = e;
            rankOf[e] = rank;
            sortedAbs[rank] = Math.abs(s[e]);
        }
        this.scoredCount = scored;
    }

    public static ScoreRanking of(EdgeScores scores) {
        return new ScoreRanking(scores, EdgeTable.of(scores.graph()));
    }

    public EdgeScores scores() { return scores; }

    public GraphIndex graph() { return scores.graph(); }

    public EdgeTable table() { return table; }

    public int size() { return order.length; }

    /** Edges with a score (not NaN); ranks below this hold them. */
    public int scoredCount() { return scoredCount; }

    public int rank(int edge) { return rankOf[edge]; }

    public int edgeAt(int rank) { return order[rank]; }

    /** |score| of the edge at a rank (NaN in the unscored tail). */
    public float absAt(int rank) { return sortedAbs[rank]; }

    /** Largest |score|, 0 when nothing is scored. */
    public double maxAbs() { return scoredCount == 0 ? 0 : sortedAbs[0]; }

    /** Number of edges with |score| ≥ {@code absThreshold} (unscored edges never count); O(log n). */
    public int countAtLeast(double absThreshold) {
        if (Double.isNaN(absThreshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        // First rank in [0, scoredCount) whose |score| falls below the threshold; sortedAbs is descending there.
        int lo = 0;
        int hi = scoredCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedAbs[mid] >= absThreshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of edges with |score| strictly greater than {@code abs}. */
    private int countAbove(double abs) {
        int lo = 0;
        int hi = scoredCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedAbs[mid] > abs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The |score| threshold that keeps the top k edges: the k-th largest |score|. With ties at that value
     * {@code countAtLeast(thresholdForTopK(k)) > k}, which is why {@link Circuit#topK} cuts by rank instead.
     * k = 0 gives +∞.
     */
    public double thresholdForTopK(int k) {
        checkK(k);
        return k == 0 ? Double.POSITIVE_INFINITY : sortedAbs[k - 1];
    }

    /**
     * Percentile rank of an edge's |score| among the scored edges: the share (0–100] of scored edges whose
     * |score| is at most this one's, so the strongest edge is 100 and tied edges share one value; NaN for an
     * unscored edge.
     */
    public double percentile(int edge) {
        float abs = Math.abs(scores.score(edge));
        if (Float.isNaN(abs)) {
            return Double.NaN;
        }
        return 100.0 * (scoredCount - countAbove(abs)) / scoredCount;
    }

    /** The edges of ranks 0 .. count-1 as a bit set over edge indices. */
    public BitSet topEdges(int count) {
        return topOf(order, count);
    }

    /** The first {@code count} edges of a ranking ({@code order[rank]} = edge index) as a bit set over edge indices. */
    public static BitSet topOf(int[] order, int count) {
        if (count < 0 || count > order.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + order.length);
        }
        BitSet bits = new BitSet(order.length);
        for (int rank = 0; rank < count; rank++) {
            bits.set(order[rank]);
        }
        return bits;
    }

    void checkK(int k) {
        if (k < 0 || k > scoredCount) {
            throw new IllegalArgumentException("top-k " + k + " is out of range: " + scoredCount + " of "
                    + order.length + " edges have a score, so k must be in 0.." + scoredCount);
        }
    }
}
