package org.eapexplorer.circuit;

import java.util.BitSet;

/**
 * What the user points at: a selected (clicked) edge and a hovered edge, -1 for none, and a set of marked edges
 * (e.g. brushed in a chart). The painter highlights them even when they are outside the circuit, so an edge
 * picked in a table or a chart stays visible in the graph.
 */
public record Selection(int selectedEdge, int hoveredEdge, BitSet marked) {

    public static final Selection NONE = new Selection(-1, -1);

    public Selection {
        if (selectedEdge < -1 || hoveredEdge < -1) {
            throw new IllegalArgumentException("edge indices are ≥ 0, or -1 for none: " + selectedEdge + ", " + hoveredEdge);
        }
        marked = marked == null ? new BitSet() : (BitSet) marked.clone();
    }

    public Selection(int selectedEdge, int hoveredEdge) {
        this(selectedEdge, hoveredEdge, null);
    }

    @Override
    public BitSet marked() {
        return (BitSet) marked.clone();
    }

    public Selection withMarked(BitSet edges) {
        return new Selection(selectedEdge, hoveredEdge, edges);
    }

    public static Selection of(int selectedEdge) {
        return new Selection(selectedEdge, -1);
    }

    public Selection withHovered(int edge) {
        return new Selection(selectedEdge, edge, marked);
    }

    public boolean hasSelected() { return selectedEdge >= 0; }

    public boolean hasHovered() { return hoveredEdge >= 0; }
}
