package org.eapexplorer.circuit;

/**
 * What the user points at: a selected (clicked) edge and a hovered edge, -1 for none. The painter highlights
 * them even when they are outside the circuit, so an edge picked in a table stays visible in the graph.
 */
public record Selection(int selectedEdge, int hoveredEdge) {

    public static final Selection NONE = new Selection(-1, -1);

    public Selection {
        if (selectedEdge < -1 || hoveredEdge < -1) {
            throw new IllegalArgumentException("edge indices are ≥ 0, or -1 for none: " + selectedEdge + ", " + hoveredEdge);
        }
    }

    public static Selection of(int selectedEdge) {
        return new Selection(selectedEdge, -1);
    }

    public Selection withHovered(int edge) {
        return new Selection(selectedEdge, edge);
    }

    public boolean hasSelected() { return selectedEdge >= 0; }

    public boolean hasHovered() { return hoveredEdge >= 0; }
}
