package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

/** Issue 17, item 4: an empty graph with edges kept says why (pruning) and offers to stop pruning. */
class EmptyGraphHintTest extends WindowTest {

    @Test
    void topFourWithPruningSaysWhyTheGraphIsEmptyAndOffersToShowTheEdges() throws Exception {
        app.runBuiltIn();
        fxRun(() -> app.state().setThreshold(Threshold.topK(4)));
        assertTrue(app.state().hideUnconnected());
        assertEquals(0, app.models().circuits().visibleEdgeCount(), "the built-in model's top 4 edges are all pruned");
        VBox hint = lookup("#emptyCircuitHint").queryAs(VBox.class);
        assertTrue(hint.isVisible(), "no hint on the empty graph");
        String text = ((Label) hint.getChildren().get(0)).getText();
        assertTrue(text.contains("4 kept edges") && text.contains("path from the input to the logits"), text);

        clickOn("#stopPruningButton");
        assertFalse(app.state().hideUnconnected());
        assertEquals(4, app.models().circuits().visibleEdgeCount());
        assertFalse(hint.isVisible(), "the hint stays once edges are drawn");
        assertTrue(app.window.graphView().drawnEdgeCount() > 0);
    }

    @Test
    void noHintWhileEdgesAreDrawn() throws Exception {
        app.runBuiltIn();
        assertTrue(app.models().circuits().visibleEdgeCount() > 0);
        assertFalse(lookup("#emptyCircuitHint").queryAs(VBox.class).isVisible());
    }
}
