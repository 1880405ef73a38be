package org.eapexplorer.circuit;

/**
 * Per-node fill and label colours that replace {@link PaintStyle}'s one node fill, e.g. to colour nodes by their node
 * scores; indexed by {@link EdgeTable} node (upstream nodes, then logits). A null entry keeps the style's own colour.
 */
public record NodeColours(Rgba[] fills, Rgba[] labels) {

    public NodeColours {
        if (fills.length != labels.length) {
            throw new IllegalArgumentException(fills.length + " fills for " + labels.length + " label colours");
        }
    }

    public Rgba fill(int node, Rgba fallback) {
        return node < fills.length && fills[node] != null ? fills[node] : fallback;
    }

    public Rgba label(int node, Rgba fallback) {
        return node < labels.length && labels[node] != null ? labels[node] : fallback;
    }
}
