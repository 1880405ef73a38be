package org.eapexplorer.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class RankComparisonTest {

    /** Five edges: input->a0.h0<q>, <k>, <v>, input->logits, a0.h0->logits. */
    private static final GraphIndex FIVE = GraphIndex.attentionOnly(1, 1);

    private static EdgeScores scores(float... s) {
        return new EdgeScores(FIVE, s);
    }

    @Test
    void handComputedRanksSpearmanAndMovers() {
        // |A| = 3, 1, 2, 0.5, 4 -> ranks 2, 4, 3, 5, 1;  |B| = 1, 2, 3, 0.1, 5 -> ranks 4, 3, 2, 5, 1.
        // d = -2, 1, 1, 0, 0; sum d² = 6; no ties, so rho = 1 - 6·6 / (5·(25 - 1)) = 0.7.
        RankComparison c = RankComparison.of(scores(3, -1, 2, 0.5f, 4), scores(1, 2, -3, 0.1f, -5));
        assertArrayEquals(new double[] {2, 4, 3, 5, 1}, c.rankA(), 0);
        assertArrayEquals(new double[] {4, 3, 2, 5, 1}, c.rankB(), 0);
        assertEquals(5, c.compared());
        assertEquals(0.7, c.spearman(), 1e-12);
        assertEquals(2, c.shift(0));
        assertArrayEquals(new int[] {0, 1}, c.mostMoved(2), "largest |shift| first, ties by edge index");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, c.mostMoved(99));
    }

    @Test
    void tiesTakeTheirAverageRank() {
        // |A| = 1, 1, 2, 3, 0 -> ranks 3.5, 3.5, 2, 1, 5; B's ranks 1..5 in edge order.
        RankComparison c = RankComparison.of(scores(1, -1, 2, 3, 0), scores(5, 4, 3, 2, 1));
        assertArrayEquals(new double[] {3.5, 3.5, 2, 1, 5}, c.rankA(), 0);
        // By hand: mean 3 for both; dx = .5, .5, -1, -2, 2; dy = -2, -1, 0, 1, 2; sxy = -1 - .5 + 0 - 2 + 4 = 0.5;
        // sxx = .25 + .25 + 1 + 4 + 4 = 9.5; syy = 10; rho = 0.5 / sqrt(95).
        assertEquals(0.5 / Math.sqrt(95), c.spearman(), 1e-12);
        assertArrayEquals(new int[] {3, 0, 1}, c.mostMoved(3), "|shifts| 2.5, 1.5, 1, 3, 0");
    }

    @Test
    void exactIdentities() {
        Random random = new Random(7);
        GraphIndex graph = GraphIndex.of(3, 4);
        float[] a = new float[graph.edgeCount()];
        float[] inverse = new float[a.length];
        float[] negated = new float[a.length];
        for (int e = 0; e < a.length; e++) {
            a[e] = (float) ((random.nextBoolean() ? 1 : -1) * (0.01 + random.nextDouble()));
            inverse[e] = 1 / a[e];  // reverses the order of |score|
            negated[e] = -a[e];
        }
        EdgeScores sa = new EdgeScores(graph, a);
        assertEquals(1.0, RankComparison.of(sa, sa).spearman(), 1e-12, "rho(a, a) = 1");
        assertEquals(-1.0, RankComparison.of(sa, new EdgeScores(graph, inverse)).spearman(), 1e-12, "reversed ranks: -1");
        assertEquals(1.0, RankComparison.of(sa, new EdgeScores(graph, negated)).spearman(), 1e-12, "|score|: signs do not count");
        RankComparison same = RankComparison.of(sa, sa);
        assertArrayEquals(new int[] {0, 1}, same.mostMoved(2), "nothing moved: edge order");
        double[] ranks = same.rankA();
        assertEquals(a.length * (a.length + 1) / 2.0, java.util.Arrays.stream(ranks).sum(), 1e-9, "ranks 1..n");
    }

    @Test
    void unscoredEdgesAreLeftOutAndOtherShapesRefused() {
        RankComparison c = RankComparison.of(scores(3, Float.NaN, 2, 1, 4), scores(3, 2, 1, 4, Float.NaN));
        assertEquals(3, c.compared());
        assertTrue(Double.isNaN(c.rankA()[1]) && Double.isNaN(c.rankB()[4]));
        assertArrayEquals(new double[] {1, Double.NaN, 2, 3, Double.NaN}, c.rankA(), 0);
        assertEquals(3, c.mostMoved(10).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankComparison.of(scores(1, 2, 3, 4, 5), new EdgeScores(GraphIndex.of(1, 1), new float[GraphIndex.of(1, 1).edgeCount()])));
        assertTrue(e.getMessage().contains("cannot compare"), e.getMessage());
    }
}
