package org.eapexplorer.ui.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.LargeGraphs;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.ThresholdMode;
import org.eapexplorer.ui.charts.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slider and the histogram on Llama-3.1-8B's graph (1,592,881 edges, some not computed) behave as on GPT-2 small's:
 * each slider position keeps exactly the edges a brute-force count over all scores keeps, and the histogram's bins hold
 * what counting the sorted scores between bin edges gives.
 */
class MillionEdgeThresholdTest {

    private static EdgeScores scores;
    private static ScoreRanking ranking;
    /** |score| of the scored edges, ascending: the brute-force reference. */
    private static float[] sortedAbs;

    @BeforeAll
    static void scores() {
        GraphIndex graph = LargeGraphs.llama31_8b().graph();
        assertEquals(1_592_881, graph.edgeCount());
        scores = LargeGraphs.randomScores(graph, 8, 5_000);
        ranking = ScoreRanking.of(scores);
        sortedAbs = new float[graph.edgeCount() - 5_000];
        int n = 0;
        for (float s : scores.scores()) {
            if (!Float.isNaN(s)) {
                sortedAbs[n++] = Math.abs(s);
            }
        }
        assertEquals(sortedAbs.length, n);
        Arrays.sort(sortedAbs);
    }

    @Test
    void everySliderPositionKeepsWhatABruteForceCountKeeps() {
        ThresholdScale scale = new ThresholdScale(ranking);
        assertEquals(sortedAbs.length, scale.maxK());
        for (double p = 0; p <= 1.0001; p += 0.05) {
            Threshold byScore = scale.at(ThresholdMode.SCORE, p);
            Circuit atLeast = Circuit.of(ranking, CircuitViewModel.cutOf(byScore, ranking));
            assertEquals(countAtLeast(byScore.value()), atLeast.edgeCount(), "|score| ≥ " + byScore.value());

            Threshold topK = scale.at(ThresholdMode.TOP_K, p);
            Circuit top = Circuit.of(ranking, CircuitViewModel.cutOf(topK, ranking));
            assertEquals(topK.k(), top.edgeCount());
            // The kept edges are the k largest: none left out is larger than the smallest kept.
            float smallestKept = Float.POSITIVE_INFINITY;
            float largestLeft = 0;
            float[] s = scores.scores();
            for (int e = 0; e < s.length; e++) {
                if (Float.isNaN(s[e])) {
                    assertTrue(!top.hasEdge(e), "an unscored edge is never kept");
                } else if (top.hasEdge(e)) {
                    smallestKept = Math.min(smallestKept, Math.abs(s[e]));
                } else {
                    largestLeft = Math.max(largestLeft, Math.abs(s[e]));
                }
            }
            assertTrue(largestLeft <= smallestKept, "top " + topK.k() + ": left out " + largestLeft + " > kept " + smallestKept);
            assertEquals(p, scale.positionOf(topK), 0.02, "top-k position round trip");
        }
    }

    @Test
    void histogramBinsHoldWhatCountingBetweenBinEdgesGives() {
        Histogram h = Histogram.of(scores.scores(), Histogram.DEFAULT_BINS);
        Histogram.Series all = h.series().get(0);
        assertEquals(sortedAbs.length, all.total());
        float[] signed = new float[sortedAbs.length];
        int n = 0;
        for (float f : scores.scores()) {
            if (!Float.isNaN(f)) {
                signed[n++] = f;
            }
        }
        Arrays.sort(signed);
        for (int b = 0; b < h.bins(); b++) {
            double lo = h.binStart(b);
            double hi = b == h.bins() - 1 ? Double.POSITIVE_INFINITY : h.binStart(b + 1);
            long expected = firstAtLeast(signed, hi) - (b == 0 ? 0 : firstAtLeast(signed, lo));
            // A score that lands on a bin edge within rounding may fall either side: allow that many.
            assertEquals(expected, all.counts()[b], 2, "bin " + b);
        }
        assertEquals(sortedAbs.length, Arrays.stream(all.counts()).sum());
    }

    private static int countAtLeast(double t) {
        return sortedAbs.length - firstAtLeast(sortedAbs, t);
    }

    /** Index of the first value ≥ t in an ascending array. */
    private static int firstAtLeast(float[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
