package org.eapexplorer.circuit;

import org.eapexplorer.model.EdgeScores;

/**
 * Draws a circuit on a {@link GraphCanvas}: background, faint outlines of hidden nodes, kept edges weakest
 * first (so strong edges end up on top), the hovered and selected edge with a halo, then the kept nodes with
 * their labels and the ports that receive kept edges.
 *
 * <p>Allocation-light: per edge it does a few array reads and one canvas call, so the cost of a repaint is the
 * canvas's own (PaintBenchmark in the tests measures both).
 */
public final class CircuitPainter {

    private static final double PORT_RADIUS = 2.2;

    private final GraphCanvas canvas;
    private final GraphLayout layout;
    private final Circuit circuit;
    private final PaintStyle style;
    private final EdgePalette palette;
    private final double inverseMax;
    private final boolean groups;
    /** Fills that replace the style's node fill (node scores), or null. */
    private final NodeColours nodeColours;
    /** Scratch for one edge's control points. */
    private final double[] p = new double[8];

    private CircuitPainter(GraphCanvas canvas, GraphLayout layout, Circuit circuit, PaintStyle style, NodeColours nodeColours) {
        this.nodeColours = nodeColours;
        this.canvas = canvas;
        this.layout = layout;
        this.circuit = circuit;
        this.style = style;
        this.palette = new EdgePalette(style);
        double max = circuit.maxKeptAbs();
        this.inverseMax = max > 0 ? 1 / max : 0;
        this.groups = canvas.wantsGroups();
    }

    public static void paint(GraphCanvas canvas, GraphLayout layout, Circuit circuit, PaintStyle style, Selection selection) {
        paint(canvas, layout, circuit, style, selection, null);
    }

    /**
     * As above, with nodes (kept and hidden alike, so that every node's colour can be read) filled as
     * {@code nodeColours} says; null for the style's fill.
     */
    public static void paint(GraphCanvas canvas, GraphLayout layout, Circuit circuit, PaintStyle style, Selection selection,
                             NodeColours nodeColours) {
        if (!EdgeTable.sameShape(layout.graph(), circuit.graph())) {
            throw new IllegalArgumentException("layout is for " + layout.graph().describe() + ", circuit for " + circuit.graph().describe());
        }
        int edges = circuit.graph().edgeCount();
        if (selection.selectedEdge() >= edges || selection.hoveredEdge() >= edges || selection.marked().length() > edges) {
            throw new IllegalArgumentException("selection " + selection + " outside the graph's " + edges + " edges");
        }
        new CircuitPainter(canvas, layout, circuit, style, nodeColours).paint(selection);
    }

    /** A line of text above logits, e.g. {@link Circuit#describe()}, for exported figures. */
    public static void paintCaption(GraphCanvas canvas, GraphLayout layout, PaintStyle style, String caption) {
        canvas.text(layout.captionX(), layout.captionY(), caption, style.labelSize(), GraphCanvas.Anchor.START, style.label());
    }

    private void paint(Selection selection) {
        Bounds b = layout.bounds();
        if (style.background().alpha() > 0) {
            canvas.fillRect(b.minX(), b.minY(), b.width(), b.height(), style.background());
        }
        if (style.showHiddenNodes()) {
            paintNodes(false);
        }
        boolean[] usedPorts = paintEdges();
        java.util.BitSet marked = selection.marked();
        for (int e = marked.nextSetBit(0); e >= 0; e = marked.nextSetBit(e + 1)) {
            if (e != selection.selectedEdge()) {
                highlight(e, style.hover(), "marked");
            }
        }
        if (selection.hasHovered() && selection.hoveredEdge() != selection.selectedEdge()) {
            highlight(selection.hoveredEdge(), style.hover(), "hover");
        }
        if (selection.hasSelected()) {
            highlight(selection.selectedEdge(), style.selection(), "selection");
        }
        paintNodes(true);
        EdgeTable table = layout.table();
        for (int r = 0; r < usedPorts.length; r++) {
            if (usedPorts[r] && circuit.hasNode(table.nodeOfReceiver(r))) {
                canvas.fillCircle(layout.portX(r), layout.portY(r), PORT_RADIUS, style.nodeStroke());
            }
        }
        if (selection.hasSelected()) {
            outline(table.from(selection.selectedEdge()));
            outline(table.toNode(selection.selectedEdge()));
        }
    }

    /** Kept edges from rank rankLimit-1 down to 0; returns which receivers got at least one. */
    private boolean[] paintEdges() {
        ScoreRanking ranking = circuit.ranking();
        EdgeScores scores = circuit.scores();
        EdgeTable table = layout.table();
        boolean[] usedPorts = new boolean[layout.graph().receiverCount()];
        for (int rank = circuit.rankLimit() - 1; rank >= 0; rank--) {
            int e = ranking.edgeAt(rank);
            if (!circuit.hasEdge(e)) {
                continue;
            }
            double relative = ranking.absAt(rank) * inverseMax;
            if (groups) {
                canvas.beginGroup("edge", title(e));
            }
            stroke(e, palette.color(scores.score(e), relative), style.edgeWidth(relative));
            if (groups) {
                canvas.endGroup();
            }
            usedPorts[table.receiver(e)] = true;
        }
        return usedPorts;
    }

    /** A halo under the edge, then the edge itself on top; works for edges outside the circuit too. */
    private void highlight(int e, Rgba halo, String kind) {
        float s = circuit.scores().score(e);
        double relative = Math.abs(s) * inverseMax;
        double width = style.edgeWidth(relative);
        if (groups) {
            canvas.beginGroup(kind, title(e));
        }
        // A few stroke widths wider than the edge, so the halo scales with PaintStyle.withLineScale too.
        stroke(e, halo, width + 5 * Math.max(style.nodeStrokeWidth(), style.minEdgeWidth()));
        stroke(e, palette.color(s, relative), width);
        if (groups) {
            canvas.endGroup();
        }
    }

    private void stroke(int e, Rgba color, double width) {
        if (style.curved()) {
            EdgeGeometry.controlPoints(layout, e, p);
            canvas.cubic(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], color, width);
        } else {
            canvas.line(layout.startX(e), layout.startY(e), layout.endX(e), layout.endY(e), color, width);
        }
    }

    private void paintNodes(boolean kept) {
        for (int n = 0; n < layout.nodeCount(); n++) {
            if (circuit.hasNode(n) != kept) {
                continue;
            }
            double w = layout.width(n);
            double h = layout.height(n);
            double x = layout.centerX(n) - w / 2;
            double y = layout.centerY(n) - h / 2;
            if (groups) {
                canvas.beginGroup(kept ? "node" : "node hidden", layout.label(n));
            }
            if (kept) {
                canvas.fillRect(x, y, w, h, nodeColours == null ? style.nodeFill() : nodeColours.fill(n, style.nodeFill()));
                canvas.strokeRect(x, y, w, h, style.nodeStroke(), style.nodeStrokeWidth());
            } else {
                if (nodeColours != null && nodeColours.fill(n, null) != null) {
                    canvas.fillRect(x, y, w, h, nodeColours.fill(n, null));
                }
                canvas.strokeRect(x, y, w, h, style.hiddenNode(), style.nodeStrokeWidth());
            }
            Rgba labelColour = kept ? style.label() : style.hiddenNode();
            if (nodeColours != null && nodeColours.fill(n, null) != null) {
                labelColour = nodeColours.label(n, labelColour);
            }
            canvas.text(layout.centerX(n), layout.centerY(n), layout.label(n), style.labelSize(), GraphCanvas.Anchor.MIDDLE,
                    labelColour);
            if (groups) {
                canvas.endGroup();
            }
        }
    }

    private void outline(int node) {
        double w = layout.width(node);
        double h = layout.height(node);
        canvas.strokeRect(layout.centerX(node) - w / 2, layout.centerY(node) - h / 2, w, h, style.selection(),
                2.5 * Math.max(style.nodeStrokeWidth(), style.minEdgeWidth()));
    }

    private String title(int e) {
        return circuit.graph().edgeName(e) + " (score " + Numbers.compact(circuit.scores().score(e)) + ")";
    }
}
