package org.eapexplorer.ui.threshold;

import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.ThresholdMode;

/**
 * Maps a slider position in [0, 1] to a threshold and back, on a log scale: scores span decades and the
 * interesting top-k values are 10–1000 out of tens of thousands. Top-k runs from 1 to all scored edges;
 * |score| from (about) the smallest non-zero score to the largest.
 */
public final class ThresholdScale {

    private final ScoreRanking ranking;
    private final double minScore;
    private final double maxScore;

    public ThresholdScale(ScoreRanking ranking) {
        this.ranking = ranking;
        this.maxScore = Math.max(ranking.maxAbs(), Double.MIN_NORMAL);
        double smallest = maxScore;
        for (int rank = ranking.scoredCount() - 1; rank >= 0; rank--) {
            if (ranking.absAt(rank) > 0) {
                smallest = ranking.absAt(rank);
                break;
            }
        }
        this.minScore = Math.max(smallest, maxScore * 1e-6);
    }

    public int maxK() {
        return ranking.scoredCount();
    }

    public Threshold at(ThresholdMode mode, double position) {
        double p = Math.max(0, Math.min(1, position));
        if (mode == ThresholdMode.TOP_K) {
            int n = Math.max(1, maxK());
            return Threshold.topK((int) Math.max(1, Math.min(n, Math.round(Math.exp(p * Math.log(n))))));
        }
        if (maxScore <= minScore) {
            return Threshold.score(maxScore);
        }
        return Threshold.score(minScore * Math.exp(p * Math.log(maxScore / minScore)));
    }

    public double positionOf(Threshold threshold) {
        if (threshold.mode() == ThresholdMode.TOP_K) {
            int n = maxK();
            return n <= 1 || threshold.k() <= 1 ? 0 : Math.min(1, Math.log(threshold.k()) / Math.log(n));
        }
        if (maxScore <= minScore || threshold.value() <= minScore) {
            return 0;
        }
        return Math.min(1, Math.log(threshold.value() / minScore) / Math.log(maxScore / minScore));
    }
}
