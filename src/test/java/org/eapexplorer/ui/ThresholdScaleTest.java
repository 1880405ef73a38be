package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.ui.threshold.ThresholdScale;
import org.junit.jupiter.api.Test;

class ThresholdScaleTest {

    private static ScoreRanking ranking() {
        GraphIndex graph = GraphIndex.of(2, 3);
        float[] scores = new float[graph.edgeCount()];
        for (int e = 0; e < scores.length; e++) {
            scores[e] = (float) ((e % 2 == 0 ? 1 : -1) * Math.pow(10, -4 + 4.0 * e / scores.length));
        }
        return ScoreRanking.of(new EdgeScores(graph, scores));
    }

    @Test
    void topKRunsLogarithmicallyFromOneToEveryEdge() {
        ThresholdScale scale = new ThresholdScale(ranking());
        assertEquals(Threshold.topK(1), scale.at(ThresholdMode.TOP_K, 0));
        assertEquals(Threshold.topK(75), scale.at(ThresholdMode.TOP_K, 1));
        assertEquals(Threshold.topK((int) Math.round(Math.sqrt(75))), scale.at(ThresholdMode.TOP_K, 0.5));
        for (int k = 1; k <= 75; k++) {
            assertEquals(k, scale.at(ThresholdMode.TOP_K, scale.positionOf(Threshold.topK(k))).k(), "round trip of k=" + k);
        }
    }

    @Test
    void scoreRunsFromTheSmallestToTheLargestScore() {
        ScoreRanking r = ranking();
        ThresholdScale scale = new ThresholdScale(r);
        assertEquals(r.absAt(r.scoredCount() - 1), scale.at(ThresholdMode.SCORE, 0).value(), 1e-9);
        assertEquals(r.maxAbs(), scale.at(ThresholdMode.SCORE, 1).value(), 1e-9);
        double t = 0.0123;
        assertEquals(t, scale.at(ThresholdMode.SCORE, scale.positionOf(Threshold.score(t))).value(), 1e-9);
    }

    @Test
    void thresholdsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Threshold.score(-1));
        assertThrows(IllegalArgumentException.class, () -> Threshold.score(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Threshold(ThresholdMode.TOP_K, 2.5));
    }
}
