package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.patching.ScatterView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17, item 6: the selected-edge panel says whether the reference circuit has the edge and shows its exact
 * patching effect once computed; scatter points name their edge on hover; every brushed edge is highlighted in
 * the graph.
 */
class SelectedEdgePanelTest extends WindowTest {

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void thePanelTellsReferenceMembershipAndTheExactEffect() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        BitSet reference = r.referenceBits();
        var ranking = app.models().circuits().ranking();
        int inRef = -1;
        int outOfRef = -1;
        for (int rank = 0; rank < ranking.size() && (inRef < 0 || outOfRef < 0); rank++) {
            int e = ranking.edgeAt(rank);
            if (reference.get(e) && inRef < 0) {
                inRef = e;
            } else if (!reference.get(e) && outOfRef < 0) {
                outOfRef = e;
            }
        }
        int in = inRef;
        int out = outOfRef;
        // Read in the same event as the selection: the edge's λ-curve, which follows the selection, is not back yet.
        String before = fx(() -> {
            app.state().select(in);
            return text("#edgeExactEffect");
        });
        assertTrue(text("#edgeReference").startsWith("yes"), text("#edgeReference"));
        assertTrue(before.startsWith("not computed"), before);
        // Selected and cleared in one event, so that its curve is cancelled before it could give the exact effect.
        String outReference = fx(() -> {
            app.state().select(out);
            String said = text("#edgeReference");
            app.state().clearSelection();
            return said;
        });
        assertTrue(outReference.startsWith("no"), outReference);

        await(fx(() -> app.models().patching().patchTopN(ranking.size())));
        PatchScatter s = fx(() -> app.models().patching().scatter());
        int index = java.util.stream.IntStream.range(0, s.size()).filter(i -> s.edges()[i] == out).findFirst().orElseThrow();
        String fromScatter = fx(() -> {
            app.state().select(out);
            return text("#edgeExactEffect");
        });
        assertEquals(EdgeDetails.formatScore(s.patched()[index]) + " (exact, λ = 1)", fromScatter);
    }

    @Test
    void scatterPointsNameTheirEdgeOnHoverAndBrushedEdgesLightUpInTheGraph() throws Exception {
        app.runBuiltIn();
        fxRun(() -> lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        await(fx(() -> app.models().patching().patchTopN(20)));
        PatchScatter s = fx(() -> app.models().patching().scatter());
        ScatterView view = app.window.scatterView();
        int target = fx(() -> {
            int best = 0;
            double bestGap = -1;
            for (int i = 0; i < s.size(); i++) {
                double gap = Double.MAX_VALUE;
                for (int j = 0; j < s.size(); j++) {
                    if (j != i) {
                        gap = Math.min(gap, view.pointLocation(i).distance(view.pointLocation(j)));
                    }
                }
                if (gap > bestGap) {
                    bestGap = gap;
                    best = i;
                }
            }
            return best;
        });
        Point2D onScreen = fx(() -> view.chart().localToScreen(view.pointLocation(target)));
        moveTo(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        String name = app.state().result().scores().graph().edgeName(s.edges()[target]);
        Label hover = lookup("#scatterHoverLabel").queryAs(Label.class);
        assertTrue(hover.isVisible() && hover.getText().contains(name), "hovering a point names its edge: '" + hover.getText() + "'");

        // Brush a few points: each of their edges is highlighted in the graph, inside the circuit or not.
        int[] some = {0, 5, 11, 19};
        fxRun(() -> app.models().patching().brush(some));
        BitSet brushed = fx(() -> app.models().patching().brushedProperty().get());
        assertEquals(4, brushed.cardinality());
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> app.window.graphView().drawnMarkedCount() == 4);
        fxRun(() -> app.models().patching().brush(new int[0]));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> app.window.graphView().drawnMarkedCount() == 0);
    }
}
