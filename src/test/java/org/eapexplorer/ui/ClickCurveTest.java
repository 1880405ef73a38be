package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.graph.GraphView;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.Linearity;
import org.eapexplorer.ui.patching.PatchingViewModel;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12, item 1: selecting an edge (click, N/P, scatter, lists) shows its λ-curve with no button press; a newer
 * selection cancels the running curve, reselecting a computed edge starts no job, pins outlive the last-few rule,
 * the user's own jobs are never refused because of a curve, and the details panel shows the linearity figure.
 */
class ClickCurveTest extends WindowTest {

    private ScoreRanking runTiny() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        fxRun(() -> lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        return app.models().circuits().ranking();
    }

    private PatchingViewModel patching() {
        return app.models().patching();
    }

    private List<Integer> curveEdges() throws Exception {
        return fx(() -> patching().curves().stream().map(LambdaCurve::edge).toList());
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until no curve job runs and no user job holds the window. */
    private void settle() throws Exception {
        waitFor(() -> {
            try {
                return fx(() -> !patching().curveRunningProperty().get() && !app.state().isBusy());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void clickingAnEdgeInTheGraphShowsItsCurveWithNoButtonPress() throws Exception {
        ScoreRanking ranking = runTiny();
        fxRun(() -> {
            app.state().setHideUnconnected(false);
            app.state().setThreshold(Threshold.topK(5));
        });
        GraphView graph = app.window.graphView();
        int strongest = ranking.edgeAt(0);
        Point2D target = fx(() -> {
            double[] p = graph.screenPointOnEdge(strongest);
            return graph.canvas().localToScreen(p[0], p[1]);
        });
        clickOn(target);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(strongest, app.state().selectedEdge());
        waitFor(() -> patching().curves().stream().anyMatch(c -> c.edge() == strongest));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        LambdaCurve curve = fx(() -> patching().curveOf(strongest));
        double exact = PatchingViewsTest.exactEffect(strongest);
        assertEquals(exact, curve.effectAtOne(), 1e-5 * Math.max(1, Math.abs(exact)));
        assertEquals(ranking.scores().score(strongest), curve.eapScore(), 1e-7, "EAP's tangent from the scores on screen");
        assertTrue(lookup("#computeCurveButton").tryQuery().isEmpty(), "no button to press any more");

        // The details panel's linearity figure: exact at λ = 1 and its ratio to EAP's estimate.
        settle();
        String linearity = text("#edgeLinearity");
        assertEquals(Linearity.of(curve).describe(), linearity);
        assertTrue(linearity.startsWith("exact ") && linearity.contains(" at λ = 1 · ") && linearity.endsWith("× EAP's estimate"), linearity);
        assertEquals(curve.effectAtOne() / curve.eapScore(), Linearity.of(curve).ratio(), 1e-12);

        // N steps to the next edge by rank: its curve joins the first, again with no button.
        type(KeyCode.N);   // the graph kept the focus from the click
        WaitForAsyncUtils.waitForFxEvents();
        int second = ranking.edgeAt(1);
        assertEquals(second, app.state().selectedEdge());
        waitFor(() -> patching().curves().stream().anyMatch(c -> c.edge() == second));
        assertEquals(List.of(strongest, second), curveEdges());
    }

    @Test
    void steppingQuicklyComputesOnlyTheLastSelectedEdgeAndReselectingStartsNoJob() throws Exception {
        ScoreRanking ranking = runTiny();
        // Four selections within one FX event, as fast as key repeat can go: each cancels the curve before it.
        String computing = fx(() -> {
            for (int rank = 0; rank < 4; rank++) {
                app.state().select(ranking.edgeAt(rank));
            }
            return app.window.curveView().message().getText();
        });
        String last = ranking.graph().edgeName(ranking.edgeAt(3));
        assertEquals("computing λ-curve of " + last + "…", computing, "the tab, not the Run panel, shows the curve's progress");
        assertNull(app.state().jobProperty().get(), "the curve job does not take the Run panel's job slot");
        waitFor(() -> !patching().curves().isEmpty());
        settle();
        assertEquals(List.of(ranking.edgeAt(3)), curveEdges(), "only the last selection's curve was computed");
        assertTrue(app.errors.isEmpty(), app.errors.toString());

        // Another edge, then back: the first curve shows in the same event, so no job made it.
        fxRun(() -> app.state().select(ranking.edgeAt(5)));
        waitFor(() -> patching().curves().size() == 2);
        settle();
        boolean[] atOnce = fx(() -> {
            app.state().select(ranking.edgeAt(3));
            List<LambdaCurve> c = patching().curves();
            return new boolean[] {c.get(c.size() - 1).edge() == ranking.edgeAt(3), patching().curveRunningProperty().get()};
        });
        assertTrue(atOnce[0], "the cached curve is shown at once, moved to the end");
        assertFalse(atOnce[1], "reselecting a computed edge starts no job");
        assertEquals(List.of(ranking.edgeAt(5), ranking.edgeAt(3)), curveEdges());
    }

    @Test
    void aUserJobStartedDuringACurveIsNotRefusedAndTheEdgeSelectedMeanwhileGetsItsCurveAfter() throws Exception {
        ScoreRanking ranking = runTiny();
        int first = ranking.edgeAt(0);
        int meanwhile = ranking.edgeAt(2);
        String[] said = new String[2];
        JobHandle user = fx(() -> {
            app.state().select(first);                              // its curve starts
            JobHandle h = patching().patchTopN(10);                  // the user's job, while the curve runs
            said[0] = app.state().jobProperty().get().title();
            app.state().select(meanwhile);                           // selected while the user's job runs
            said[1] = app.window.curveView().message().getText();
            return h;
        });
        assertNotNull(user, "a user job is not refused because a curve runs: " + app.state().statusProperty().get());
        assertEquals("Patching top 10 edges", said[0], "the Run panel shows the user's job");
        assertEquals("λ-curve of " + ranking.graph().edgeName(meanwhile) + " once the running job ends", said[1]);
        await(user);
        assertNotNull(fx(() -> patching().scatter()), "the user's job finished");
        waitFor(() -> patching().curves().stream().anyMatch(c -> c.edge() == meanwhile));
        settle();
        assertEquals(List.of(meanwhile), curveEdges(), "only the edge selected when the job ended gets a curve");
        assertTrue(app.errors.isEmpty(), app.errors.toString());

        // An explicit curve request does not hold the window either: Patch top N right after is not refused.
        JobHandle again = fx(() -> {
            patching().computeCurve(ranking.edgeAt(4));
            return patching().patchTopN(5);
        });
        assertNotNull(again, app.state().statusProperty().get());
        await(again);
    }

    @Test
    void aPinnedCurveOutlivesMoreThanMaxCurvesSelectionsAndASession() throws Exception {
        ScoreRanking ranking = runTiny();
        int pinned = ranking.edgeAt(0);
        fxRun(() -> app.state().select(pinned));
        waitFor(() -> !patching().curves().isEmpty());
        settle();
        clickOn("#pinCurveButton");
        assertTrue(fx(() -> patching().curveOf(pinned).pinned()));
        for (int rank = 1; rank <= PatchingViewModel.MAX_CURVES + 1; rank++) {
            int edge = ranking.edgeAt(rank);
            fxRun(() -> app.state().select(edge));
            waitFor(() -> patching().curves().stream().anyMatch(c -> c.edge() == edge));
            settle();
        }
        List<Integer> shown = curveEdges();
        assertEquals(PatchingViewModel.MAX_CURVES, shown.size(), shown.toString());
        assertEquals(pinned, shown.get(0), "the pinned curve stays: " + shown);
        assertFalse(shown.contains(ranking.edgeAt(1)) || shown.contains(ranking.edgeAt(2)), "the oldest unpinned went: " + shown);
        assertEquals(ranking.edgeAt(PatchingViewModel.MAX_CURVES + 1), shown.get(shown.size() - 1));

        // A session keeps the pin.
        Path file = tempDir.resolve("pinned.json");
        await(fx(() -> app.models().sessions().save(file)));
        await(fx(() -> app.models().sessions().open(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        settle();
        assertTrue(fx(() -> patching().curveOf(pinned).pinned()), "pinned after reopening");

        // Clear keeps the pinned curve; unpinned, it can go.
        clickOn("#clearCurvesButton");
        assertEquals(List.of(pinned), curveEdges());
        fxRun(() -> app.state().select(pinned));
        clickOn("#pinCurveButton");
        assertFalse(fx(() -> patching().curveOf(pinned).pinned()));
        clickOn("#clearCurvesButton");
        assertEquals(List.of(), curveEdges());
    }

    @Test
    void scoresWithoutTheirPromptsSayWhyOnceInTheTabNotPerClick() throws Exception {
        runTiny();
        AnalysisResult computed = app.state().result();
        Path file = tempDir.resolve("no-prompts.json");
        ScoreJson.write(file, new ScoreFile(TINY.toString(), TINY_PROMPTS.toString(), computed.metric().jsonName(), computed.pairs(),
                computed.deviceDescription(), computed.metricClean(), computed.metricCorrupted(), Map.of("eap", 1.0), computed.scores()));
        await(fx(() -> app.models().sessions().openScores(file)));
        assertNull(app.state().result().promptFile());
        String statusBefore = app.state().statusProperty().get();
        ScoreRanking ranking = app.models().circuits().ranking();
        fxRun(() -> app.state().select(ranking.edgeAt(0)));
        fxRun(() -> app.state().select(ranking.edgeAt(1)));
        assertTrue(text("#curveMessage").contains("without their prompt file"), text("#curveMessage"));
        assertEquals(statusBefore, app.state().statusProperty().get(), "no status message per click");
        assertFalse(fx(() -> patching().curveRunningProperty().get()));
        assertTrue(text("#edgeLinearity").startsWith("no λ-curve"), text("#edgeLinearity"));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }
}
