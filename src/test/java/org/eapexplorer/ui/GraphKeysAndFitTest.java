package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import org.eapexplorer.circuit.Bounds;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.ui.graph.GraphView;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, items 9 and 11: N/P step through edges from anywhere in the window but a text field; Fit fills the graph
 * pane (up to a legible maximum scale), also after Large charts changes the pane's size.
 */
class GraphKeysAndFitTest extends WindowTest {

    @Test
    void nAndPWorkAfterClickingATabButNotInATextField() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        int first = fx(() -> {
            app.models().circuits().selectNext();
            int e = app.state().selectedEdge();
            app.state().clearSelection();
            return e;
        });
        clickOn("ROC");
        assertTrue(fx(() -> !app.window.graphView().isFocused()), "the graph has no focus after a tab was clicked");
        type(KeyCode.N);
        assertEquals(first, fx(() -> app.state().selectedEdge()), "N selects the strongest edge with a tab focused");
        type(KeyCode.N);
        type(KeyCode.P);
        assertEquals(first, fx(() -> app.state().selectedEdge()), "P steps back");
        fxRun(() -> app.state().clearSelection());
        clickOn("#thresholdField");
        type(KeyCode.N);
        assertEquals(-1, (int) fx(() -> app.state().selectedEdge()), "N typed in a text field selects nothing");
    }

    /** The drawn nodes' extent on screen, as a fraction of the pane: {width share, height share}. */
    private double[] filled() throws Exception {
        return fx(() -> {
            GraphView g = app.window.graphView();
            GraphLayout l = g.layoutModel();
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int n = 0; n < l.nodeCount(); n++) {
                Bounds b = l.nodeBox(n);
                minX = Math.min(minX, b.minX());
                minY = Math.min(minY, b.minY());
                maxX = Math.max(maxX, b.maxX());
                maxY = Math.max(maxY, b.maxY());
            }
            double s = g.viewport().scale();
            double left = minX * s + g.viewport().tx();
            double top = minY * s + g.viewport().ty();
            double w = g.canvas().getWidth();
            double h = g.canvas().getHeight();
            assertTrue(left >= -0.5 && top >= -0.5 && left + (maxX - minX) * s <= w + 0.5 && top + (maxY - minY) * s <= h + 0.5,
                    "the whole graph is in the pane: " + left + ", " + top + " scale " + s + " in " + w + " x " + h);
            return new double[] {(maxX - minX) * s / w, (maxY - minY) * s / h};
        });
    }

    private void assertFills(String when) throws Exception {
        double[] f = filled();
        double scale = fx(() -> app.window.graphView().viewport().scale());
        assertTrue(Math.max(f[0], f[1]) > 0.88 || scale >= GraphView.MAX_FIT_SCALE - 1e-9,
                when + ": the graph fills " + Math.round(100 * f[0]) + "% of the pane's width and " + Math.round(100 * f[1])
                        + "% of its height at scale " + scale);
        assertTrue(scale <= GraphView.MAX_FIT_SCALE + 1e-9, when + ": scale " + scale + " past the legible maximum");
    }

    @Test
    void fitFillsThePaneAndLargeChartsFitsAgain() throws Exception {
        app.runBuiltIn();
        clickOn("#fitButton");
        assertFills("after Fit");
        CheckMenuItem large = fx(() -> (CheckMenuItem) app.scene.getRoot().lookupAll(".menu-bar").stream()
                .map(MenuBar.class::cast).flatMap(b -> b.getMenus().stream()).flatMap(m -> m.getItems().stream())
                .filter(i -> "largeChartsItem".equals(i.getId())).findFirst().orElseThrow());
        fxRun(() -> large.setSelected(true));
        assertFills("with Large charts");
        fxRun(() -> large.setSelected(false));
        assertFills("after Large charts again");
    }
}
