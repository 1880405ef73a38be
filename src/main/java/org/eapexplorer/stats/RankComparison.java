package org.eapexplorer.stats;

import java.util.Arrays;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;

/**
 * Two score sets of one graph compared by rank: each edge's rank of |score| in A and in B (1 = largest |score|, ties
 * given their average rank, as Spearman's ρ takes them), ρ itself, and the edges whose rank moved most. Only edges
 * scored in both sets are ranked; the others get NaN ranks and take no part.
 *
 * <p>Ranks by |score| because that is how both methods choose a circuit (top-k by |score|): two methods that agree
 * on which edges matter but not on their signs still pick the same circuit.
 *
 * @param rankA    rank of each edge's |score| in A, in {@link GraphIndex} edge order; NaN where either set has no score
 * @param rankB    the same in B
 * @param compared edges scored in both sets
 * @param spearman Spearman's ρ of the two rankings (NaN with fewer than two edges or a constant ranking)
 */
public record RankComparison(GraphIndex graph, double[] rankA, double[] rankB, int compared, double spearman) {

    /**
     * @throws IllegalArgumentException when the two score sets are of graphs of different shapes
     */
    public static RankComparison of(EdgeScores a, EdgeScores b) {
        GraphIndex graph = a.graph();
        if (!graph.sameShape(b.graph())) {
            throw new IllegalArgumentException("cannot compare scores of a " + graph.describe() + " graph with scores of a "
                    + b.graph().describe() + " graph");
        }
        int n = graph.edgeCount();
        int[] edges = new int[n];
        int m = 0;
        for (int e = 0; e < n; e++) {
            if (!Float.isNaN(a.score(e)) && !Float.isNaN(b.score(e))) {
                edges[m++] = e;
            }
        }
        double[] absA = new double[m];
        double[] absB = new double[m];
        for (int i = 0; i < m; i++) {
            absA[i] = Math.abs(a.score(edges[i]));
            absB[i] = Math.abs(b.score(edges[i]));
        }
        // Correlation.ranks ranks ascending (1 = smallest); m + 1 − r turns that into 1 = largest, ties still averaged.
        double[] upA = Correlation.ranks(absA);
        double[] upB = Correlation.ranks(absB);
        double[] rankA = new double[n];
        double[] rankB = new double[n];
        Arrays.fill(rankA, Double.NaN);
        Arrays.fill(rankB, Double.NaN);
        double[] downA = new double[m];
        double[] downB = new double[m];
        for (int i = 0; i < m; i++) {
            downA[i] = m + 1 - upA[i];
            downB[i] = m + 1 - upB[i];
            rankA[edges[i]] = downA[i];
            rankB[edges[i]] = downB[i];
        }
        return new RankComparison(graph, rankA, rankB, m, Correlation.pearsonOf(downA, downB));
    }

    /** rank in B − rank in A: positive when the edge fell in B (a larger rank number is a smaller |score|). */
    public double shift(int edge) {
        return rankB[edge] - rankA[edge];
    }

    /**
     * The {@code count} edges (or fewer) with the largest |rank in A − rank in B|, largest first, ties by edge index;
     * edges with no rank are left out.
     */
    public int[] mostMoved(int count) {
        int n = rankA.length;
        long[] keys = new long[compared];
        int m = 0;
        for (int e = 0; e < n; e++) {
            if (!Double.isNaN(rankA[e])) {
                // Half-ranks occur with ties, so twice the shift is a whole number (< 2^31 for any int edge count);
                // one primitive sort of packed keys puts the largest shift first, then the lowest edge index.
                long twice = Math.round(2 * Math.abs(shift(e)));
                keys[m++] = ((Integer.MAX_VALUE - twice) << 32) | e;
            }
        }
        Arrays.sort(keys, 0, m);
        int k = Math.min(Math.max(count, 0), m);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }
}
