package org.eapexplorer.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.EdgeScores;

/**
 * The rankings of the last few score sets, made on whichever thread asks first: a job that brings a result ranks it
 * on its own thread (sorting 1.6 M edges takes 0.1–0.4 s), so that showing it on the FX thread finds the ranking made.
 * Keyed by the scores' identity; a handful kept, each a few bytes an edge.
 */
public final class ScoreRankings {

    private static final int KEPT = 4;
    private final Map<EdgeScores, ScoreRanking> made = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EdgeScores, ScoreRanking> eldest) {
            return size() > KEPT;
        }
    };

    /** The ranking of {@code scores}, made now unless it was made before. Safe from any thread. */
    public ScoreRanking of(EdgeScores scores) {
        synchronized (made) {
            ScoreRanking r = made.get(scores);
            if (r != null) {
                return r;
            }
        }
        ScoreRanking r = ScoreRanking.of(scores);
        synchronized (made) {
            ScoreRanking first = made.putIfAbsent(scores, r);
            return first != null ? first : r;
        }
    }
}
