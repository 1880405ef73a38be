package org.eapexplorer.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eapexplorer.circuit.Bounds;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

/** Fitting a graph to the graph pane: whole while it is legible, else at a legible size from the top. */
class ViewportTest {

    /** The graph pane of the window at its default 1280 × 800. */
    private static final double PANE_WIDTH = 968;
    private static final double PANE_HEIGHT = 290;

    @Test
    void gpt2SmallAndSmallerModelsAreFittedWhole() {
        for (GraphIndex g : new GraphIndex[] {GraphIndex.of(12, 12), GraphIndex.of(2, 4), GraphIndex.of(6, 8, false, true)}) {
            Bounds b = GraphLayout.of(g).bounds();
            Viewport legible = new Viewport();
            legible.fitLegibly(b, PANE_WIDTH, PANE_HEIGHT, GraphView.LEGIBLE_SCALE);
            Viewport whole = new Viewport();
            whole.fit(b, PANE_WIDTH, PANE_HEIGHT);
            assertEquals(whole.scale(), legible.scale(), 1e-12, g.describe());
            assertEquals(whole.ty(), legible.ty(), 1e-9, g.describe());
        }
    }

    /**
     * Qwen2.5-0.5B's 24 layers fitted whole would be drawn at 0.12 (layers 11 px apart): instead at the legible scale,
     * the full width in view, logits at the top.
     */
    @Test
    void aDeepModelIsShownLegiblyFromTheTop() {
        GraphLayout layout = GraphLayout.of(GraphIndex.of(24, 14));
        Bounds b = layout.bounds();
        Viewport whole = new Viewport();
        whole.fit(b, PANE_WIDTH, PANE_HEIGHT);
        assertTrue(whole.scale() < 0.13, "fitted whole: " + whole.scale());
        Viewport v = new Viewport();
        v.fitLegibly(b, PANE_WIDTH, PANE_HEIGHT, GraphView.LEGIBLE_SCALE);
        assertEquals(GraphView.LEGIBLE_SCALE, v.scale(), 1e-12);
        assertTrue(b.width() * v.scale() <= PANE_WIDTH, "every head of a layer in view");
        double logitsTop = (layout.centerY(layout.table().logitsNode()) - layout.height(0) / 2) * v.scale() + v.ty();
        assertTrue(logitsTop >= 0 && logitsTop < 20, "logits at the top: " + logitsTop);
    }

    @Test
    void aWideGraphIsNeverEnlargedPastItsWidth() {
        Bounds wide = new Bounds(0, 0, 10_000, 3_000);
        Viewport v = new Viewport();
        v.fitLegibly(wide, PANE_WIDTH, PANE_HEIGHT, GraphView.LEGIBLE_SCALE);
        assertEquals(0.97 * PANE_WIDTH / 10_000, v.scale(), 1e-12, "as wide as the pane, not wider");
    }
}
