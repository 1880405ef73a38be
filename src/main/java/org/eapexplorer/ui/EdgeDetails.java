package org.eapexplorer.ui;

import java.util.Locale;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.EdgeId;
import org.eapexplorer.model.Qkv;

/**
 * What the side panel shows about one edge.
 *
 * @param rank       1-based rank by |score| among all edges
 * @param percentile share of scored edges with |score| at most this one's, 0–100
 * @param inCircuit  whether the edge is drawn at the current threshold
 */
public record EdgeDetails(int edge, String name, String upstream, String downstream, Qkv qkv, float score, int rank,
                          int edgeCount, double percentile, boolean inCircuit) {

    public static EdgeDetails of(int edge, ScoreRanking ranking, Circuit circuit) {
        EdgeId id = ranking.graph().edge(edge);
        return new EdgeDetails(edge, id.name(), id.from().name(), id.toNode().name(), id.qkv(), ranking.scores().score(edge),
                ranking.rank(edge) + 1, ranking.size(), ranking.percentile(edge), circuit != null && circuit.hasEdge(edge));
    }

    public String input() {
        return qkv == null ? "—" : switch (qkv) {
            case Q -> "query (q)";
            case K -> "key (k)";
            case V -> "value (v)";
        };
    }

    /** One line for the status bar: {@code a0.h1->a1.h2<q>  score −0.0123  rank 5}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s   score %s   rank %,d of %,d", name, formatScore(score), rank, edgeCount);
    }

    public static String formatScore(double s) {
        if (Double.isNaN(s)) {
            return "n/a";
        }
        double a = Math.abs(s);
        String text = a != 0 && (a < 1e-3 || a >= 1e4) ? String.format(Locale.ROOT, "%.3e", s) : String.format(Locale.ROOT, "%.5f", s);
        return text.replace('-', '−');
    }
}
