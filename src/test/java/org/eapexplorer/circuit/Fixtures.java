package org.eapexplorer.circuit;

import java.util.Map;
import java.util.Random;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;

/** Small score sets made in code. */
final class Fixtures {

    private Fixtures() {
    }

    /** Heavy-tailed scores of both signs, like real EAP scores: a few large, most tiny. */
    static EdgeScores random(GraphIndex graph, long seed) {
        Random rnd = new Random(seed);
        float[] s = new float[graph.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = (float) (rnd.nextGaussian() * Math.exp(2 * rnd.nextGaussian()) * 1e-3);
        }
        return new EdgeScores(graph, s);
    }

    /** Scores on a coarse grid (many ties) with some NaN (unscored) edges. */
    static EdgeScores tiedWithNaN(GraphIndex graph, long seed) {
        Random rnd = new Random(seed);
        float[] s = new float[graph.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = rnd.nextInt(10) == 0 ? Float.NaN : (rnd.nextInt(11) - 5) / 4f;
        }
        return new EdgeScores(graph, s);
    }

    /** All scores 0 except the named edges. */
    static EdgeScores withEdges(GraphIndex graph, Map<String, Float> named) {
        float[] s = new float[graph.edgeCount()];
        named.forEach((name, v) -> s[graph.edgeIndex(name).orElseThrow(() -> new IllegalArgumentException(name))] = v);
        return new EdgeScores(graph, s);
    }
}
