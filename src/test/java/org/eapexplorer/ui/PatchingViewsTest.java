package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.TabPane;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** λ-curves and the EAP-vs-patching scatter, headless on the tiny fixture through the real worker. */
class PatchingViewsTest extends WindowTest {

    private void runTiny() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertNotNull(app.state().result());
    }

    /** EdgePatcher's effect at λ = 1, computed directly on a model of its own. */
    static double exactEffect(int edge) throws Exception {
        PromptSet set = PromptPairFile.read(TINY_PROMPTS);
        try (LanguageModel model = LanguageModel.load(TINY, ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(TINY)) {
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            try (EdgePatcher patcher = EdgePatcher.prepare(model, pairs, set.metric())) {
                return patcher.effects(new int[] {edge}, new double[] {1.0})[0][0];
            }
        }
    }

    @Test
    void theCurveOfTheSelectedEdgeStartsAtZeroAndEndsAtThePatchingEffect() throws Exception {
        runTiny();
        int edge = app.models().circuits().ranking().edgeAt(0);
        fxRun(() -> {
            app.state().select(edge);
            lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(1);
        });
        // Selecting the edge is enough: its curve follows with no button press (issue 12).
        WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS,
                () -> !app.models().patching().curves().isEmpty() && !app.models().patching().curveRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.errors.isEmpty(), app.errors.toString());

        LambdaCurve curve = fx(() -> app.models().patching().curves().get(0));
        assertEquals(edge, curve.edge());
        assertEquals(21, curve.lambdas().length);
        assertEquals(0.0, curve.lambdas()[0]);
        assertEquals(1.0, curve.lambdas()[20]);
        assertEquals(0.0, curve.effects()[0], 1e-6, "patching by λ = 0 changes nothing");
        double exact = exactEffect(edge);
        assertEquals(exact, curve.effectAtOne(), 1e-5 * Math.max(1, Math.abs(exact)));
        assertEquals(app.state().result().scores().score(edge), curve.eapScore(), 1e-7);

        // A second edge adds a second curve; Clear removes both.
        int second = app.models().circuits().ranking().edgeAt(1);
        await(fx(() -> app.models().patching().computeCurve(second)));
        assertEquals(2, fx(() -> app.models().patching().curves().size()));
        Path csv = tempDir.resolve("curves.csv");
        await(fx(() -> app.models().patching().exportCurves(csv, 1)));
        assertEquals(1 + 2 * 21, Files.readAllLines(csv).size());
        Path svg = tempDir.resolve("curves.svg");
        await(fx(() -> app.models().patching().exportCurves(svg, 1)));
        assertTrue(Files.readString(svg).contains("<svg"));
        clickOn("#clearCurvesButton");
        assertEquals(0, fx(() -> app.models().patching().curves().size()));
    }

    @Test
    void theScatterOfTheTopEdgesSelectsAnEdgeWhenAPointIsClicked() throws Exception {
        runTiny();
        fxRun(() -> lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        JobHandle handle = fx(() -> app.models().patching().patchTopN(20));
        await(handle);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        PatchScatter s = fx(() -> app.models().patching().scatter());
        assertEquals(20, s.size());
        var ranking = app.models().circuits().ranking();
        for (int i = 0; i < 20; i++) {
            assertEquals(ranking.edgeAt(i), s.edges()[i]);
        }
        assertTrue(Double.isFinite(s.pearson()) && Double.isFinite(s.spearman()));
        double exact = exactEffect(s.edges()[3]);
        assertEquals(exact, s.patched()[3], 1e-5 * Math.max(1, Math.abs(exact)));

        // Click the point farthest from its neighbours, so that the click cannot hit another.
        var view = app.window.scatterView();
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
        clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(s.edges()[target], app.state().selectedEdge());

        // Brushing a rectangle around every point marks all 20 and selects the strongest (rank 0).
        Point2D[] corners = fx(() -> {
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int i = 0; i < s.size(); i++) {
                Point2D p = view.pointLocation(i);
                minX = Math.min(minX, p.getX());
                minY = Math.min(minY, p.getY());
                maxX = Math.max(maxX, p.getX());
                maxY = Math.max(maxY, p.getY());
            }
            return new Point2D[] {view.chart().localToScreen(minX - 3, minY - 3), view.chart().localToScreen(maxX + 3, maxY + 3)};
        });
        drag(corners[0]).dropTo(corners[1]);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(20, fx(() -> app.models().patching().brushedProperty().get().cardinality()));
        assertEquals(s.edges()[0], app.state().selectedEdge());

        Path csv = tempDir.resolve("scatter.csv");
        await(fx(() -> app.models().patching().exportScatter(csv, 1)));
        assertEquals(21, Files.readAllLines(csv).size());
        Path png = tempDir.resolve("scatter.png");
        await(fx(() -> app.models().patching().exportScatter(png, 1)));
        assertTrue(Files.size(png) > 1000);
    }
}
