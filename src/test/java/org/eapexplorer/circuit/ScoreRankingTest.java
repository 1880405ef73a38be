package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class ScoreRankingTest {

    @Test
    void ordersByAbsDescendingThenIndexWithNaNLast() {
        GraphIndex g = GraphIndex.of(1, 1); // 8 edges
        float[] s = {0.5f, -2f, 2f, Float.NaN, 0f, -0.5f, Float.NaN, -0f};
        ScoreRanking r = ScoreRanking.of(new EdgeScores(g, s));
        int[] order = IntStream.range(0, s.length).map(r::edgeAt).toArray();
        assertArrayEquals(new int[] {1, 2, 0, 5, 4, 7, 3, 6}, order);
        assertEquals(6, r.scoredCount());
        for (int e = 0; e < s.length; e++) {
            assertEquals(e, r.edgeAt(r.rank(e)));
        }
        assertEquals(2.0, r.maxAbs());
    }

    @Test
    void rankingMatchesBruteForceSortOnRandomScores() {
        EdgeScores scores = Fixtures.tiedWithNaN(GraphIndex.of(3, 4), 7);
        ScoreRanking r = ScoreRanking.of(scores);
        float[] s = scores.scores();
        Integer[] expected = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.<Integer>comparingInt(e -> Float.isNaN(s[e]) ? 1 : 0)
                .thenComparing(e -> -Math.abs(s[e])).thenComparingInt(e -> e));
        for (int rank = 0; rank < s.length; rank++) {
            assertEquals(expected[rank], r.edgeAt(rank), "rank " + rank);
        }
    }

    @Test
    void countAtLeastMatchesBruteForceAtEveryScoreAndBetween() {
        for (long seed = 0; seed < 5; seed++) {
            EdgeScores scores = seed % 2 == 0 ? Fixtures.tiedWithNaN(GraphIndex.of(3, 4), seed) : Fixtures.random(GraphIndex.of(3, 4), seed);
            ScoreRanking r = ScoreRanking.of(scores);
            TreeSet<Double> thresholds = new TreeSet<>();
            for (float v : scores.scores()) {
                if (!Float.isNaN(v)) {
                    double a = Math.abs(v);
                    thresholds.add(a);
                    thresholds.add(Math.nextUp(a));
                    thresholds.add(Math.nextDown(a));
                }
            }
            thresholds.addAll(Arrays.asList(0.0, -1.0, 1e9, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
            for (double t : thresholds) {
                long brute = 0;
                for (float v : scores.scores()) {
                    if (Math.abs(v) >= t) {
                        brute++;
                    }
                }
                assertEquals(brute, r.countAtLeast(t), "seed " + seed + " threshold " + t);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ScoreRanking.of(Fixtures.random(GraphIndex.of(1, 1), 1)).countAtLeast(Double.NaN));
    }

    @Test
    void thresholdForTopKKeepsAtLeastKAndTiesExplainTheRest() {
        EdgeScores scores = Fixtures.tiedWithNaN(GraphIndex.of(2, 3), 3);
        ScoreRanking r = ScoreRanking.of(scores);
        assertEquals(Double.POSITIVE_INFINITY, r.thresholdForTopK(0));
        for (int k = 1; k <= r.scoredCount(); k++) {
            double t = r.thresholdForTopK(k);
            assertTrue(r.countAtLeast(t) >= k);
            assertTrue(r.countAtLeast(Math.nextUp(t)) < k, "k " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> r.thresholdForTopK(r.scoredCount() + 1));
        assertThrows(IllegalArgumentException.class, () -> r.thresholdForTopK(-1));
    }

    @Test
    void percentileIsShareOfScoredEdgesAtOrBelow() {
        EdgeScores scores = Fixtures.tiedWithNaN(GraphIndex.of(2, 2), 11);
        ScoreRanking r = ScoreRanking.of(scores);
        float[] s = scores.scores();
        for (int e = 0; e < s.length; e++) {
            if (Float.isNaN(s[e])) {
                assertTrue(Double.isNaN(r.percentile(e)));
                continue;
            }
            int atOrBelow = 0;
            for (float v : s) {
                if (!Float.isNaN(v) && Math.abs(v) <= Math.abs(s[e])) {
                    atOrBelow++;
                }
            }
            assertEquals(100.0 * atOrBelow / r.scoredCount(), r.percentile(e), 1e-9);
        }
        assertEquals(100.0, r.percentile(r.edgeAt(0)), 1e-9);
    }

    @Test
    void topEdgesIsThePrefixOfTheOrder() {
        ScoreRanking r = ScoreRanking.of(Fixtures.random(GraphIndex.of(2, 2), 5));
        var bits = r.topEdges(10);
        assertEquals(10, bits.cardinality());
        for (int rank = 0; rank < 10; rank++) {
            assertTrue(bits.get(r.edgeAt(rank)));
        }
        assertThrows(IllegalArgumentException.class, () -> r.topEdges(r.size() + 1));
    }
}
