package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.eval.Acdc;
import org.eapexplorer.eval.AcdcResult;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.eval.AcdcCurve;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.HybridFigure;
import org.eapexplorer.ui.eval.HybridViewModel;
import org.eapexplorer.ui.eval.NamedCircuit;
import org.eapexplorer.ui.eval.RocFigure;
import org.eapexplorer.ui.eval.RocPainter;
import org.eapexplorer.ui.eval.RolesPainter;
import org.eapexplorer.ui.run.RunEapJob;
import org.junit.jupiter.api.Test;

/**
 * ACDC's ROC curves, the hybrid grid and the edge-role histograms in the window, on the built-in induction model,
 * held against ACDC and the hybrid run directly on a model loaded apart from the window.
 */
class AcdcHybridRolesViewsTest extends WindowTest {

    /** Runs {@code body} with a circuit runner on the result's model and prompts, loaded apart from the window's cache. */
    private static <T> T withRunner(AnalysisResult r, RunnerBody<T> body) throws Exception {
        PromptSet set = PromptPairFile.read(r.promptFile());
        try (LanguageModel model = LanguageModel.load(r.modelDir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(r.modelDir())) {
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            try (CircuitRunner runner = CircuitRunner.prepare(model, pairs, set.metric())) {
                return body.apply(runner, model.graph());
            }
        }
    }

    private interface RunnerBody<T> {
        T apply(CircuitRunner runner, GraphIndex graph) throws Exception;
    }

    @Test
    void acdcCurvesSitBesideEapsWithTheAucOfTheCircuitsAcdcFinds() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        double[] taus = {0.01, 0.3};
        await(fx(() -> eval.computeAcdc(taus, List.of(AcdcScore.KL, AcdcScore.TASK))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        List<AcdcCurve> curves = eval.acdcCurves();
        assertEquals(List.of("ACDC (KL)", "ACDC (task metric)"), curves.stream().map(AcdcCurve::label).toList());

        List<AcdcResult> direct = withRunner(r, (runner, g) -> List.of(
                Acdc.run(runner, g, AcdcScore.KL, taus[0], null, ProgressListener.NONE, CancellationToken.NEVER),
                Acdc.run(runner, g, AcdcScore.KL, taus[1], null, ProgressListener.NONE, CancellationToken.NEVER)));
        AcdcCurve kl = curves.get(0);
        for (int i = 0; i < taus.length; i++) {
            assertEquals(direct.get(i).kept(), kl.sweep().results().get(i).kept(), "τ = " + taus[i]);
        }
        assertTrue(direct.get(1).kept().cardinality() < direct.get(0).kept().cardinality(), "a larger τ prunes more");

        TruthEdges truth = eval.truth();
        GraphIndex g = r.scores().graph();
        for (RocConvention convention : RocConvention.values()) {
            fxRun(() -> eval.conventionProperty().set(convention));
            RocCurve expected = EdgeRoc.circuits(g, List.of(direct.get(0).kept(), direct.get(1).kept()), taus, truth.edges(),
                    truth.directReceivers(), convention);
            AcdcCurve shown = eval.acdcCurves().get(0);
            assertEquals(convention, shown.curve().convention());
            assertEquals(expected.auc(), shown.curve().auc(), 1e-12, convention.name());
            assertArrayEquals(expected.fpr(), shown.curve().fpr(), 0);
            assertEquals(taus.length, shown.points().size());
            assertTrue(eval.rocFigure().acdc().size() == 2);
            assertTrue(RocPainter.legend(shown).startsWith("ACDC (KL)   AUC "));
        }

        Path csv = tempDir.resolve("roc-acdc.csv");
        await(fx(() -> eval.exportRoc(csv, 1)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("method,level,convention,fpr,tpr,threshold,kept_edges,auc", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ACDC (task metric),edges,ACDC,")), lines.toString());
        Path png = tempDir.resolve("roc-acdc.png");
        await(fx(() -> eval.exportRoc(png, 1)));
        assertTrue(Files.size(png) > 0);

        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void anAcdcCircuitIsShownInTheGraphWithItsOwnRocPointUntilTheThresholdMoves() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        CircuitViewModel circuits = app.models().circuits();
        await(fx(() -> eval.computeAcdc(new double[] {0.01, 0.3}, List.of(AcdcScore.KL))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        List<NamedCircuit> found = eval.acdcCircuits();
        assertEquals(List.of("ACDC (KL) τ 0.01", "ACDC (KL) τ 0.3"), found.stream().map(NamedCircuit::label).toList());
        NamedCircuit c = found.get(0);
        assertEquals(eval.acdcSweeps().get(0).results().get(0).kept(), c.edges());
        int thresholdEdges = circuits.keptEdgesProperty().get();
        assertTrue(c.edges().cardinality() != thresholdEdges, "the test needs a circuit the threshold does not give");

        fxRun(() -> {
            app.state().setHideUnconnected(false);
            eval.show(c);
        });
        assertTrue(circuits.showsGiven());
        assertEquals(c.edges(), circuits.circuit().edgeBits(), "the graph draws exactly ACDC's edges");
        assertEquals(c.edges().cardinality(), circuits.keptEdgesProperty().get());
        fxRun(() -> app.state().setHideUnconnected(true));
        BitSet pruned = circuits.circuit().edgeBits();
        pruned.andNot(c.edges());
        assertTrue(pruned.isEmpty(), "pruning only drops edges");
        RocFigure fig = fx(eval::rocFigure);
        assertEquals(c.label(), fig.pointLabel());
        assertEquals(-1, fig.cursor(), "no point on EAP's curve for ACDC's circuit");
        TruthEdges truth = eval.truth();
        RocPoint expected = EdgeRoc.point(r.scores().graph(), c.edges(), truth.edges(), truth.directReceivers(), eval.conventionProperty().get());
        assertEquals(expected, fig.point());

        Path json = tempDir.resolve("acdc-circuit.json");
        await(fx(() -> app.models().export().exportCircuit(json, 1)));
        com.google.gson.JsonObject written = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        BitSet inGraph = new BitSet();
        for (var e : written.getAsJsonObject("edges").entrySet()) {
            if (e.getValue().getAsJsonObject().get("in_graph").getAsBoolean()) {
                inGraph.set(r.scores().graph().edgeIndex(e.getKey()).orElseThrow());
            }
        }
        assertEquals(circuits.circuit().edgeBits(), inGraph, "Export writes the circuit on screen");

        fxRun(() -> app.state().setThreshold(Threshold.topK(thresholdEdges + 1)));
        assertTrue(!circuits.showsGiven(), "moving the threshold goes back to EAP's circuit");
        assertEquals(thresholdEdges + 1, circuits.keptEdgesProperty().get());
        assertEquals("threshold", fx(eval::rocFigure).pointLabel());
    }

    @Test
    void exactPatchingGetsItsOwnRocCurveOnceTheSweepHasRun() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        assertNull(eval.patchingRoc(), "no curve before a patching sweep");
        await(fx(() -> app.models().patching().patchTopN(r.edgeCount())));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        var scatter = app.models().patching().scatter();
        assertEquals(r.edgeCount(), scatter.size());
        float[] patched = new float[r.edgeCount()];
        for (int i = 0; i < scatter.size(); i++) {
            patched[scatter.edges()[i]] = (float) scatter.patched()[i];
        }
        TruthEdges truth = eval.truth();
        for (RocConvention convention : RocConvention.values()) {
            fxRun(() -> eval.conventionProperty().set(convention));
            RocCurve expected = EdgeRoc.edges(new org.eapexplorer.model.EdgeScores(r.scores().graph(), patched), truth.edges(),
                    truth.directReceivers(), convention);
            assertEquals(expected.auc(), eval.patchingRoc().auc(), 1e-12, convention.name());
            assertEquals(eval.patchingRoc(), eval.rocFigure().patching());
        }
        Path csv = tempDir.resolve("roc-patching.csv");
        await(fx(() -> eval.exportRoc(csv, 1)));
        assertTrue(Files.readAllLines(csv).stream().anyMatch(l -> l.startsWith("activation patching,edges,")));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void theThresholdPointIsTheCircuitsOwnPositionUnderEitherConvention() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        TruthEdges truth = eval.truth();
        for (int k : new int[] {3, 20, 60}) {
            fxRun(() -> app.state().setThreshold(Threshold.topK(k)));
            fxRun(() -> eval.conventionProperty().set(RocConvention.AUTO_CIRCUIT));
            RocPoint p = eval.rocPoint();
            RocCurve c = eval.roc();
            int i = eval.rocCursor();
            assertEquals(c.fpr()[i], p.fpr(), 1e-15, "auto-circuit: the point is on the curve, top " + k);
            assertEquals(c.tpr()[i], p.tpr(), 1e-15);
            assertEquals(c.keptEdges()[i], p.keptEdges());

            fxRun(() -> eval.conventionProperty().set(RocConvention.ACDC));
            RocPoint q = eval.rocPoint();
            RocCurve pareto = eval.roc();
            BitSet kept = new BitSet();
            double t = app.models().circuits().absThreshold();
            for (int e = 0; e < r.edgeCount(); e++) {
                if (Math.abs(r.scores().score(e)) >= t) {
                    kept.set(e);
                }
            }
            // Counted by hand: kept edges plus, per q/k/v receiver with a kept edge, its input edge.
            int tp = 0;
            int fp = 0;
            BitSet receivers = new BitSet();
            for (int e = kept.nextSetBit(0); e >= 0; e = kept.nextSetBit(e + 1)) {
                if (truth.edges().get(e)) {
                    tp++;
                } else {
                    fp++;
                }
                int rec = r.scores().graph().receiverOf(e);
                if (r.scores().graph().receivers().get(rec).qkv() != null && !receivers.get(rec)) {
                    receivers.set(rec);
                    if (truth.directReceivers().get(rec)) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            assertEquals((double) tp / pareto.positives(), q.tpr(), 1e-15, "ACDC: TPR at top " + k);
            assertEquals((double) fp / pareto.negatives(), q.fpr(), 1e-15, "ACDC: FPR at top " + k);
            // The Pareto curve dominates: its last point at or left of q's FPR is at least as high.
            double best = 0;
            for (int j = 0; j < pareto.size(); j++) {
                if (pareto.fpr()[j] <= q.fpr()) {
                    best = Math.max(best, pareto.tpr()[j]);
                }
            }
            assertTrue(best >= q.tpr(), "Pareto curve at FPR " + q.fpr() + ": " + best + " vs " + q.tpr());
        }
    }

    @Test
    void theHybridGridIsAcdcOnEapsTopEdgesScoredAgainstTheTruth() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        HybridViewModel hybrid = app.models().hybrid();
        assertNull(hybrid.problem());
        int[] defaults = hybrid.defaultSizes();
        assertTrue(defaults.length >= 3 && defaults[0] >= 1 && defaults[defaults.length - 1] <= r.edgeCount(),
                java.util.Arrays.toString(defaults));
        javafx.scene.control.TextField field = (javafx.scene.control.TextField) app.scene.lookup("#hybridSizesField");
        assertEquals(HybridViewModel.parseSizes(field.getText()).length, defaults.length, "the EAP sizes field: " + field.getText());
        int[] sizes = {10, 40};
        double[] taus = {0.01, 0.3};
        await(fx(() -> hybrid.compute(sizes, taus, AcdcScore.KL)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        HybridFigure fig = hybrid.figure();
        assertNotNull(fig);
        TruthEdges truth = app.models().eval().truth();
        HybridGrid.Result expected = withRunner(r, (runner, g) -> HybridGrid.run(runner, ScoreRanking.of(r.scores()), sizes, taus,
                AcdcScore.KL, truth.edges(), ProgressListener.NONE, CancellationToken.NEVER));
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(expected.eapOnlyTpr()[i], fig.grid().eapOnlyTpr()[i], 0);
            for (int j = 0; j < taus.length; j++) {
                assertEquals(expected.cells()[i][j], fig.grid().cells()[i][j], "cell " + i + "," + j);
            }
        }
        assertEquals(expected.best(), fig.grid().best());
        assertEquals(EdgeRoc.edges(r.scores(), truth.edges(), truth.directReceivers(), RocConvention.AUTO_CIRCUIT).auc(),
                fig.eapRoc().auc(), 0);

        // Each cell's circuit can be drawn, the best first; its edges lie within EAP's top k of that row.
        List<NamedCircuit> cells = hybrid.cellCircuits();
        assertEquals(sizes.length * taus.length, cells.size());
        HybridGrid.Cell best = fig.grid().best();
        assertEquals(best.edges(), cells.get(0).edges());
        assertEquals(best.keptEdges(), best.edges().cardinality());
        BitSet outside = best.edges();
        outside.andNot(ScoreRanking.of(r.scores()).topEdges(best.eapEdges()));
        assertTrue(outside.isEmpty(), "ACDC only removes edges from EAP's top k");
        fxRun(() -> {
            app.state().setHideUnconnected(false);
            hybrid.show(cells.get(0));
        });
        assertEquals(best.edges(), app.models().circuits().circuit().edgeBits());
        assertEquals(cells.get(0).label(), fx(app.models().eval()::rocFigure).pointLabel());

        for (String name : List.of("hybrid.csv", "hybrid.svg", "hybrid.png")) {
            Path out = tempDir.resolve(name);
            await(fx(() -> hybrid.export(out, 1)));
            assertTrue(Files.size(out) > 0, name);
        }
        assertEquals(1 + sizes.length * (1 + taus.length), Files.readAllLines(tempDir.resolve("hybrid.csv")).size());
        assertTrue(Files.readString(tempDir.resolve("hybrid.svg")).contains("Youden"));

        fxRun(() -> app.state().showResult(null));
        assertNull(hybrid.figure(), "a new result drops the grid");
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void edgeRolesSplitTheScoresByTheClassOfTheUpstreamNode() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        var view = app.window.rolesView();
        List<EdgeRoles.Role> roles = view.rolesProperty().get();
        TruthEdges truth = TruthEdges.read(r.modelDir().resolve(RunEapJob.GROUND_TRUTH), r.scores().graph());
        assertEquals(List.copyOf(truth.headClasses().keySet()), roles.stream().map(EdgeRoles.Role::name).toList());
        GraphIndex g = r.scores().graph();
        for (EdgeRoles.Role role : roles) {
            Set<String> nodes = Set.copyOf(truth.headClasses().get(role.name()));
            int expected = 0;
            double sum = 0;
            for (int e = 0; e < g.edgeCount(); e++) {
                if (nodes.contains(g.edge(e).from().name())) {
                    expected++;
                    sum += r.scores().score(e);
                }
            }
            assertEquals(expected, role.scores().length, role.name());
            assertTrue(expected > 0, role.name() + " has edges");
            assertEquals(sum / expected, role.mean(), 1e-6, role.name());
            Histogram h = RolesPainter.histogramOf(role);
            assertEquals(expected, h.series().get(0).total());
            assertEquals(role.mean(), h.series().get(0).mean(), 1e-6);
            assertEquals(role.std(), h.series().get(0).std(), 1e-6);
        }
        fxRun(() -> view.inTruthOnlyBox().setSelected(true));
        for (EdgeRoles.Role role : view.rolesProperty().get()) {
            Set<String> nodes = Set.copyOf(truth.headClasses().get(role.name()));
            long expected = truth.edges().stream().filter(e -> nodes.contains(g.edge(e).from().name())).count();
            assertEquals(expected, role.scores().length, role.name() + " in the truth");
        }
        Path png = tempDir.resolve("roles.png");
        await(fx(() -> app.models().eval().exportRoles(png, 1, view.rolesProperty().get())));
        assertTrue(Files.size(png) > 0);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }
}
