package org.eapexplorer.model;

import java.util.Arrays;

/**
 * One score per edge of a graph, dense in {@link GraphIndex} edge order (EAP-IG keeps a 157×445 matrix;
 * we keep only the 32,491 entries that are edges).
 */
public record EdgeScores(GraphIndex graph, float[] scores) {

    public EdgeScores {
        if (scores.length != graph.edgeCount()) {
            throw new IllegalArgumentException(scores.length + " scores for a graph of " + graph.edgeCount() + " edges");
        }
    }

    public float score(int edge) {
        return scores[edge];
    }

    public float score(String edgeName) {
        return scores[graph.edgeIndex(edgeName).orElseThrow(() -> new IllegalArgumentException("no edge " + edgeName))];
    }

    public float[] copyOfScores() {
        return Arrays.copyOf(scores, scores.length);
    }
}
