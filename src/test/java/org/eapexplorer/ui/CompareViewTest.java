package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.io.FileIdentity;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.compare.CompareViewModel;
import org.eapexplorer.ui.eval.RocPainter;
import org.eapexplorer.ui.eval.ScoreSetCurve;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** Issue 16, item 4: score sets side by side in the Compare tab, the graph by their difference, ROC per set, sessions. */
class CompareViewTest extends WindowTest {

    /** The built-in model's EAP scores, reshuffled by a fixed rule: a second score set of the same graph. */
    private static float[] otherScores(float[] a) {
        float[] b = new float[a.length];
        for (int e = 0; e < a.length; e++) {
            b[e] = e % 3 == 0 ? a[e] * 0.05f : e % 5 == 0 ? -a[e] * 3 : a[e] + 0.01f * (e % 7);
        }
        return b;
    }

    /** A score file with EAP Explorer's metadata block naming EAP-IG with 7 steps. */
    private static Path scoreFile(AnalysisResult r, float[] scores, String name) throws Exception {
        Path file = tempDir.resolve(name);
        ScoreFile s = new ScoreFile(r.modelDir().toString(), "induction.jsonl", r.metric().jsonName(), r.pairs(),
                r.deviceDescription(), r.metricClean(), r.metricCorrupted(), Map.of("eap", 1.0),
                new EdgeScores(r.scores().graph(), scores));
        ScoreJson.writeComputed(file, s, new ScoreMetadata("eap-ig-inputs", 7, "edge", 16,
                new FileIdentity("induction.jsonl", "0"), new FileIdentity("induction-2l", "0"), "test"));
        return file;
    }

    /** Spearman's ρ of |a| and |b| by the textbook: average ranks for ties, then Pearson of the ranks; O(n²). */
    private static double spearmanByHand(float[] a, float[] b) {
        int n = a.length;
        double[] ra = new double[n];
        double[] rb = new double[n];
        for (int i = 0; i < n; i++) {
            int aAbove = 0, aSame = 0, bAbove = 0, bSame = 0;
            for (int j = 0; j < n; j++) {
                aAbove += Math.abs(a[j]) > Math.abs(a[i]) ? 1 : 0;
                aSame += Math.abs(a[j]) == Math.abs(a[i]) ? 1 : 0;
                bAbove += Math.abs(b[j]) > Math.abs(b[i]) ? 1 : 0;
                bSame += Math.abs(b[j]) == Math.abs(b[i]) ? 1 : 0;
            }
            ra[i] = aAbove + (aSame + 1) / 2.0;
            rb[i] = bAbove + (bSame + 1) / 2.0;
        }
        double ma = (n + 1) / 2.0;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (ra[i] - ma) * (rb[i] - ma);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - ma) * (rb[i] - ma);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Runs the built-in model and opens a second score set of it; returns {A, B}. */
    private AnalysisResult[] twoSets() throws Exception {
        AnalysisResult a = app.runBuiltIn();
        Path file = scoreFile(a, otherScores(a.scores().scores()), "b.json");
        await(fx(() -> app.models().sessions().openScores(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        return new AnalysisResult[] {a, app.state().result()};
    }

    private void showCompareTab() throws Exception {
        fxRun(() -> {
            TabPane tabs = lookup("#chartTabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Compare")).findFirst().orElseThrow());
        });
    }

    @Test
    void twoSetsAreComparedAndTheSpearmanShownIsTheOneComputedByHand() throws Exception {
        AnalysisResult[] ab = twoSets();
        CompareViewModel compare = app.models().compare();
        List<ScoreSet> sets = compare.sets().sets();
        assertEquals(2, sets.size(), sets.toString());
        assertEquals("EAP · induction.jsonl", sets.get(0).name());
        assertEquals("EAP-IG (inputs), 7 steps · induction.jsonl", sets.get(1).name(), "the score file's metadata names the method");
        assertEquals(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 7), ab[1].method());
        assertSame(ab[0], compare.a().result(), "A: the run before");
        assertSame(ab[1], compare.b().result(), "B: the newest set");
        assertEquals("", compare.problem());
        assertTrue(app.models().sessions().hasUnsavedResults(), "the run is still in the window, still unsaved");

        showCompareTab();
        double rho = spearmanByHand(ab[0].scores().scores(), ab[1].scores().scores());
        assertTrue(rho > 0.2 && rho < 0.99, "the example should move ranks: " + rho);
        String shown = lookup("#compareSpearman").queryAs(Label.class).getText();
        assertEquals(String.format(Locale.ROOT, "Spearman ρ = %.3f over %d edges", rho, ab[0].edgeCount()), shown);
        assertEquals(rho, compare.comparison().spearman(), 1e-12);
        assertTrue(app.window.compareView().drawnPoints() > 0, "the scatter drew no points");
        assertEquals(CompareViewModel.MOVED, app.window.compareView().movedList().getItems().size());
    }

    @Test
    void clickingAMovedEdgeSelectsItInTheWindow() throws Exception {
        twoSets();
        showCompareTab();
        int[] moved = app.models().compare().movedProperty().get();
        int target = moved[1];
        ListCell<?> cell = lookup("#movedEdges .list-cell").queryAll().stream().map(n -> (ListCell<?>) n)
                .filter(c -> Integer.valueOf(target).equals(c.getItem())).findFirst().orElseThrow();
        assertEquals(-1, app.state().selectedEdge());
        clickOn(cell);
        assertEquals(target, app.state().selectedEdge(), "the clicked edge is the window's selection");
        // The rank shift the cell names is the comparison's own.
        var c = app.models().compare().comparison();
        assertTrue(((javafx.scene.control.Labeled) cell).getText().startsWith(c.graph().edgeName(target) + "   "),
                ((javafx.scene.control.Labeled) cell).getText());
        for (int i = 1; i < moved.length; i++) {
            assertTrue(Math.abs(c.shift(moved[i - 1])) >= Math.abs(c.shift(moved[i])), "largest move first");
        }
    }

    @Test
    void theGraphIsColouredByTheDifferenceWithALegendSayingSo() throws Exception {
        AnalysisResult[] ab = twoSets();
        showCompareTab();
        assertNull(app.models().compare().differenceProperty().get());
        assertTrue(lookup("#signLegend").tryQuery().isPresent());
        long paints = app.window.graphView().paintCount();
        clickOn("#colourByDifference");
        var difference = app.models().compare().differenceProperty().get();
        assertNotNull(difference);
        float[] a = ab[0].scores().scores();
        float[] b = ab[1].scores().scores();
        for (int e = 0; e < a.length; e++) {
            assertEquals(b[e] - a[e], difference.scores().score(e), 0f);
        }
        assertTrue(lookup("#differenceLegend").tryQuery().isPresent(), "the legend says what the colours mean");
        assertTrue(lookup("#signLegend").tryQuery().isEmpty());
        assertTrue(lookup("#differenceSets").queryAs(Label.class).getText().contains("B = EAP-IG (inputs), 7 steps · induction.jsonl"));
        assertTrue(app.window.graphView().paintCount() > paints, "the graph was not repainted");
        clickOn("#colourByDifference");
        assertTrue(lookup("#signLegend").tryQuery().isPresent());
    }

    @Test
    void aGraphFigureExportedWhileColouredByTheDifferenceShowsTheDifferenceAndSaysSo() throws Exception {
        twoSets();
        showCompareTab();
        Path own = tempDir.resolve("graph-own-scores.svg");
        await(fx(() -> app.models().export().exportCircuit(own, 1)));
        clickOn("#colourByDifference");
        assertNotNull(app.models().compare().differenceProperty().get());
        Path difference = tempDir.resolve("graph-difference.svg");
        await(fx(() -> app.models().export().exportCircuit(difference, 1)));
        clickOn("#colourByDifference");

        String ownSvg = java.nio.file.Files.readString(own);
        String differenceSvg = java.nio.file.Files.readString(difference);
        assertTrue(ownSvg.contains("patching the edge raises the metric") && !ownSvg.contains("B &gt; A") && !ownSvg.contains("B > A"));
        assertTrue(differenceSvg.contains("B &gt; A") || differenceSvg.contains("B > A"), "the legend says the colours are B − A");
        assertTrue(differenceSvg.contains("|B − A|"), "and what the widths measure");
        assertFalse(differenceSvg.contains("patching the edge raises the metric"));
        assertEquals(edgeStrokes(ownSvg).size(), edgeStrokes(differenceSvg).size(), "the same edges are kept");
        assertFalse(edgeStrokes(ownSvg).equals(edgeStrokes(differenceSvg)), "the edges are drawn by the difference");
    }

    /** Each drawn edge's stroke colour and width, in drawing order. */
    private static List<String> edgeStrokes(String svg) {
        List<String> strokes = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<g class=\"edge\"><title>[^<]*</title>\\s*<(?:path|line)[^>]*?(stroke=\"[^\"]*\" stroke-width=\"[^\"]*\")")
                .matcher(svg);
        while (m.find()) {
            strokes.add(m.group(1));
        }
        return strokes;
    }

    @Test
    void theRocPanelDrawsOneCurvePerScoreSet() throws Exception {
        AnalysisResult[] ab = twoSets();
        var eval = app.models().eval();
        assertNotNull(eval.truth(), "the built-in model ships its circuit");
        var figure = fx(eval::rocFigure);
        assertEquals("EAP-IG (inputs), 7 steps · induction.jsonl", figure.shownName());
        assertEquals(1, figure.sets().size());
        ScoreSetCurve other = figure.sets().get(0);
        assertEquals("EAP · induction.jsonl", other.name());
        double auc = EdgeRoc.edges(ab[0].scores(), eval.truth().edges(), eval.truth().directReceivers(),
                eval.conventionProperty().get()).auc();
        assertEquals(auc, other.curve().auc(), 0);
        RecordingCanvas canvas = new RecordingCanvas();
        RocPainter.paint(canvas, figure, 900, 400);
        List<String> texts = canvas.texts.stream().map(RecordingCanvas.Text::text).toList();
        assertTrue(texts.contains(RocPainter.legend(other)), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("EAP-IG (inputs), 7 steps · induction.jsonl   AUC")), texts.toString());
        assertTrue(texts.stream().allMatch(t -> !t.startsWith("EAP edges")), "with two sets each curve is named by its set");
    }

    @Test
    void aRunRepeatedWithTheSameScoresTakesItsSetsPlace() throws Exception {
        AnalysisResult[] ab = twoSets();
        AnalysisResult again = app.runBuiltIn();
        CompareViewModel compare = app.models().compare();
        assertEquals(List.of("EAP · induction.jsonl", "EAP-IG (inputs), 7 steps · induction.jsonl"),
                compare.sets().sets().stream().map(ScoreSet::name).toList());
        assertSame(again, compare.sets().sets().get(0).result(), "the new run's result, under the old name");
        assertSame(again, compare.a().result(), "the choice follows the set");
        assertSame(ab[1], compare.b().result());
        assertEquals("", compare.problem());
    }

    @Test
    void aSetOfAnotherGraphIsRefusedInOneLine() throws Exception {
        twoSets();
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        CompareViewModel compare = app.models().compare();
        assertEquals(3, compare.sets().sets().size());
        // B is the tiny model's run, A is the built-in model's: different graphs.
        assertNull(compare.comparison());
        assertTrue(compare.problem().startsWith("Cannot compare"), compare.problem());
        assertFalse(compare.problem().contains("\n"));
        showCompareTab();
        assertEquals(compare.problem(), lookup("#compareProblem").queryAs(Label.class).getText());
        assertTrue(lookup("#colourByDifference").queryAs(javafx.scene.control.CheckBox.class).isDisabled());
    }

    @Test
    void aSessionWithTwoSetsRoundTrips() throws Exception {
        AnalysisResult[] ab = twoSets();
        CompareViewModel compare = app.models().compare();
        fxRun(() -> {
            compare.aProperty().set(compare.sets().sets().get(1));
            compare.bProperty().set(compare.sets().sets().get(0));
            compare.colourByDifferenceProperty().set(true);
        });
        Path file = tempDir.resolve("two-sets.eap.json");
        await(fx(() -> app.models().sessions().save(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        // Something else on screen, then the session back.
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertEquals(3, compare.sets().sets().size());
        await(fx(() -> app.models().sessions().open(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        List<ScoreSet> sets = compare.sets().sets();
        assertEquals(List.of("EAP · induction.jsonl", "EAP-IG (inputs), 7 steps · induction.jsonl"), sets.stream().map(ScoreSet::name).toList());
        assertSame(app.state().result(), sets.get(1).result(), "the shown set is the session's result");
        assertArrayEquals(ab[0].scores().scores(), sets.get(0).result().scores().scores());
        assertArrayEquals(ab[1].scores().scores(), sets.get(1).result().scores().scores());
        assertEquals(MethodSpec.EAP, sets.get(0).result().method());
        assertEquals(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 7), sets.get(1).result().method());
        assertArrayEquals(ab[0].referenceEdges(), sets.get(0).result().referenceEdges());
        assertEquals(ab[0].promptFile(), sets.get(0).result().promptFile());
        assertEquals("EAP-IG (inputs), 7 steps · induction.jsonl", compare.a().name());
        assertEquals("EAP · induction.jsonl", compare.b().name());
        assertTrue(compare.colourByDifferenceProperty().get());
        assertNotNull(compare.differenceProperty().get());
    }

    /** Issue 26, item 4: a graph exported while coloured by B − A names A and B, as the window's legend does. */
    @Test
    void anExportColouredByTheDifferenceSaysWhatAAndBAre() throws Exception {
        twoSets();
        showCompareTab();
        clickOn("#colourByDifference");
        CompareViewModel compare = app.models().compare();
        java.nio.file.Path svg = tempDir.resolve("difference.svg");
        WindowFixture.await(WindowFixture.fx(() -> app.models().export().exportCircuit(svg, 1)));
        String text = java.nio.file.Files.readString(svg);
        for (String name : List.of(compare.a().name(), compare.b().name())) {
            String escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            assertTrue(text.contains(escaped), "the figure names " + name);
        }
        assertTrue(text.contains("A = ") && text.contains("B = "), "the figure says which set is A and which is B");
    }
}
