package org.eapexplorer.model;

import java.util.Arrays;

/**
 * One score per upstream node (input, heads, MLPs), in {@link GraphIndex} upstream order: EAP-IG's node level,
 * Δu · ∂L/∂u with the gradient at u's own output. That output is added to the residual stream that every later
 * receiver reads, so ∂L/∂u is the sum of the gradients at those receivers and the node's score is exactly the sum of
 * its out-edges' scores, whichever method made them: no extra pass is needed.
 */
public record NodeScores(GraphIndex graph, float[] scores) {

    public NodeScores {
        if (scores.length != graph.upstreamCount()) {
            throw new IllegalArgumentException(scores.length + " node scores for a graph of " + graph.upstreamCount() + " upstream nodes");
        }
    }

    /** Sums each node's out-edges in double precision; an edge without a score (NaN) leaves its node without one. */
    public static NodeScores ofEdges(EdgeScores edges) {
        GraphIndex graph = edges.graph();
        double[] sum = new double[graph.upstreamCount()];
        for (int e = 0; e < graph.edgeCount(); e++) {
            sum[graph.upstreamOf(e)] += edges.score(e);
        }
        float[] out = new float[sum.length];
        for (int u = 0; u < sum.length; u++) {
            out[u] = (float) sum[u];
        }
        return new NodeScores(graph, out);
    }

    public float score(int upstream) {
        return scores[upstream];
    }

    public float score(String nodeName) {
        return scores[graph.upstreamIndex(nodeName).orElseThrow(() -> new IllegalArgumentException("no upstream node " + nodeName))];
    }

    public float[] copyOfScores() {
        return Arrays.copyOf(scores, scores.length);
    }
}
