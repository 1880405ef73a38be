package org.eapexplorer.ui.graph;

import org.eapexplorer.circuit.NodeColours;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.circuit.SignPalette;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.NodeScores;

/**
 * Nodes coloured by their node scores ({@link NodeScores#ofEdges}: a node's score is the sum of its out-edges') in
 * the window's one sign language: from the plain node fill at 0 to full red (positive) or blue (negative) at the
 * largest |node score|. Logits has no out-edges and no score; a node without one (NaN) keeps the plain fill.
 */
public final class NodeScoreColours {

    static final Rgba ZERO = Rgba.hex("#F4F4F4");
    static final Rgba DARK_LABEL = Rgba.hex("#1A1A1A");
    static final Rgba LIGHT_LABEL = Rgba.hex("#FFFFFF");
    /** From this share of the largest |score| on, the fill is dark enough that the label turns white. */
    static final double LIGHT_LABEL_FROM = 0.55;

    private NodeScoreColours() {
    }

    public static NodeColours of(NodeScores scores) {
        return of(scores, SignPalette.RED_BLUE);
    }

    /** As above in {@code palette}'s sign colours. */
    public static NodeColours of(NodeScores scores, SignPalette palette) {
        int upstream = scores.graph().upstreamCount();
        double max = 0;
        for (int u = 0; u < upstream; u++) {
            float s = scores.score(u);
            if (Float.isFinite(s)) {
                max = Math.max(max, Math.abs(s));
            }
        }
        Rgba[] fills = new Rgba[upstream + 1];
        Rgba[] labels = new Rgba[upstream + 1];
        for (int u = 0; u < upstream; u++) {
            float s = scores.score(u);
            if (!Float.isFinite(s)) {
                continue;
            }
            double t = max > 0 ? Math.abs(s) / max : 0;
            fills[u] = fill(s, t, palette);
            labels[u] = t >= LIGHT_LABEL_FROM ? LIGHT_LABEL : DARK_LABEL;
        }
        return new NodeColours(fills, labels);
    }

    public static NodeColours of(EdgeScores edges) {
        return of(NodeScores.ofEdges(edges));
    }

    public static NodeColours of(EdgeScores edges, SignPalette palette) {
        return of(NodeScores.ofEdges(edges), palette);
    }

    /** The fill of a score of sign {@code s} at {@code t} (0–1) of the largest |score|. */
    static Rgba fill(double s, double t) {
        return fill(s, t, SignPalette.RED_BLUE);
    }

    static Rgba fill(double s, double t, SignPalette palette) {
        return ZERO.mix(s < 0 ? palette.negative() : palette.positive(), t);
    }
}
