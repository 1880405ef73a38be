package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javafx.stage.Stage;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.ui.eval.AcdcCurve;
import org.eapexplorer.ui.eval.AcdcScoreChoice;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.HybridFigure;
import org.eapexplorer.ui.eval.RocFigure;
import org.eapexplorer.ui.eval.RocPainter;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.run.RunEapJob;
import org.junit.jupiter.api.Test;

/**
 * A saved session keeps what the evaluation tabs computed on the built-in model: reopened in a fresh window, with
 * the truth file gone, the ROC panel, faithfulness, hybrid, patching and edge-role tabs show the same again.
 */
class SessionEvaluationTest extends WindowTest {

    @Test
    void aReopenedSessionShowsTheEvaluationTabsWithoutRecomputing() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        Path truthFile = tempDir.resolve("induction-truth.json");
        Files.copy(r.modelDir().resolve(RunEapJob.GROUND_TRUTH), truthFile, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(fx(() -> eval.loadTruth(truthFile)), app.errors.toString());
        await(fx(() -> eval.computeAcdc(new double[] {0.1}, List.of(AcdcScore.KL))));
        await(fx(eval::computeFaithfulness));
        await(fx(() -> app.models().patching().patchTopN(20)));
        int strongest = app.models().circuits().ranking().edgeAt(0);
        await(fx(() -> app.models().patching().computeCurve(strongest)));
        await(fx(() -> app.models().hybrid().compute(new int[] {10}, new double[] {0.1}, AcdcScore.KL)));
        fxRun(() -> {
            eval.conventionProperty().set(RocConvention.ACDC);
            app.state().setThreshold(Threshold.topK(25));
        });
        // Before saving, one of ACDC's circuits is drawn instead of the threshold's; the reopened window draws it too.
        org.eapexplorer.ui.eval.NamedCircuit acdcCircuit = eval.acdcCircuits().get(0);
        fxRun(() -> eval.show(acdcCircuit));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        RocFigure before = fx(eval::rocFigure);
        assertEquals(1, before.acdc().size());
        assertNotNull(before.patching());
        FaithfulnessCurve faithfulness = eval.faithfulness();
        HybridFigure hybrid = app.models().hybrid().figure();
        LambdaCurve curve = app.models().patching().curves().get(0);
        List<String> roles = app.window.rolesView().rolesProperty().get().stream().map(EdgeRoles.Role::name).toList();
        assertTrue(!roles.isEmpty(), "the truth's head classes give edge roles");

        Path session = tempDir.resolve("evaluated.eap.json");
        await(fx(() -> app.models().sessions().save(session)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        Files.delete(truthFile);

        Stage stage = fx(Stage::new);
        WindowFixture reopened = fx(() -> new WindowFixture(stage, tempDir));
        try {
            await(fx(() -> reopened.models().sessions().open(session)));
            assertTrue(reopened.errors.isEmpty(), reopened.errors.toString());
            EvalViewModel back = reopened.models().eval();
            RocFigure after = fx(back::rocFigure);
            assertEquals("induction-truth.json", after.source(), "the loaded truth, not the model's own file");
            assertEquals(truthFile.toAbsolutePath(), back.truthFile());
            assertEquals(eval.truth(), back.truth());
            assertEquals(RocConvention.ACDC, after.eap().convention());
            assertEquals(before.eap().auc(), after.eap().auc());
            assertEquals(RocPainter.legend("EAP", "edges", before.eap()), RocPainter.legend("EAP", "edges", after.eap()));
            AcdcCurve acdc = before.acdc().get(0);
            AcdcCurve acdcBack = after.acdc().get(0);
            assertEquals(RocPainter.legend(acdc), RocPainter.legend(acdcBack));
            assertEquals(acdc.curve().auc(), acdcBack.curve().auc());
            assertEquals(acdc.points(), acdcBack.points());
            assertEquals(acdc.sweep().circuits(), acdcBack.sweep().circuits());
            assertEquals(before.patching().auc(), after.patching().auc());
            assertEquals(before.patchedEdges(), after.patchedEdges());
            assertEquals(before.cursor(), after.cursor());
            assertEquals(before.point(), after.point());

            assertTrue(reopened.models().circuits().showsGiven(), "the shown ACDC circuit is drawn again");
            assertEquals(acdcCircuit.edges(), reopened.models().circuits().circuit().cut() instanceof org.eapexplorer.circuit.Cut.Given g
                    ? g.edges() : null);
            assertEquals(acdcCircuit, back.shown());
            FaithfulnessCurve f = back.faithfulness();
            assertArrayEquals(faithfulness.edgeCounts(), f.edgeCounts());
            assertArrayEquals(faithfulness.metric(), f.metric());
            assertEquals(faithfulness.metricFull(), f.metricFull());
            assertEquals(eval.faithfulnessCursor(), back.faithfulnessCursor());
            fxRun(() -> reopened.state().setThreshold(Threshold.topK(3)));
            assertEquals(f.pointAtOrBelow(3), back.faithfulnessCursor(), "the cursor follows the slider");
            assertNotEquals(eval.faithfulnessCursor(), back.faithfulnessCursor());

            HybridFigure h = reopened.models().hybrid().figure();
            assertNotNull(h, "the hybrid heat map");
            assertArrayEquals(hybrid.grid().cells()[0], h.grid().cells()[0]);
            assertEquals(hybrid.grid().best(), h.grid().best());
            assertEquals(hybrid.eapRoc().auc(), h.eapRoc().auc());

            PatchScatter s = reopened.models().patching().scatter();
            PatchScatter saved = app.models().patching().scatter();
            assertArrayEquals(saved.edges(), s.edges());
            assertArrayEquals(saved.patched(), s.patched());
            assertEquals(saved.spearman(), s.spearman());
            LambdaCurve c = reopened.models().patching().curves().get(0);
            assertEquals(curve.edge(), c.edge());
            assertArrayEquals(curve.effects(), c.effects());
            assertEquals(roles, reopened.window.rolesView().rolesProperty().get().stream().map(EdgeRoles.Role::name).toList());

            // the fields show what the reopened results were run with, not the defaults
            Object prompts = comboValue(stage, "#promptChoice");
            assertNotNull(prompts, "the session's prompt file is shown");
            assertEquals(r.promptFile().toAbsolutePath().normalize(), ((org.eapexplorer.ui.run.PromptChoice) prompts).path());
            assertEquals("0.1", field(stage, "#acdcTausField"));
            assertEquals(AcdcScoreChoice.KL, comboValue(stage, "#acdcScoreBox"));
            assertEquals("10", field(stage, "#hybridSizesField"));
            assertEquals("0.1", field(stage, "#hybridTausField"));
            assertEquals(AcdcScoreChoice.KL, comboValue(stage, "#hybridScoreBox"));
        } finally {
            fxRun(() -> {
                reopened.context.close();
                stage.hide();
            });
        }
    }

    @Test
    void aSessionNamingAnEdgeTheGraphLacksIsReportedWithTheName() throws Exception {
        app.runBuiltIn();
        Path session = tempDir.resolve("bad-edge.eap.json");
        await(fx(() -> app.models().patching().patchTopN(3)));
        await(fx(() -> app.models().sessions().save(session)));
        String text = Files.readString(session);
        String first = app.state().result().scores().graph().edgeName(app.models().patching().scatter().edges()[0]);
        Files.writeString(session, text.replace("{\"edge\": \"" + first + "\"", "{\"edge\": \"a5.h0->logits\""));
        await(fx(() -> app.models().sessions().open(session)));
        assertEquals(1, app.errors.size(), app.errors.toString());
        String message = app.errors.get(0);
        assertTrue(message.contains("bad-edge.eap.json") && message.contains("patching_scatter[0].edge")
                && message.contains("a5.h0->logits"), message);
    }

    private static String field(Stage stage, String id) throws Exception {
        return fx(() -> ((javafx.scene.control.TextField) java.util.Objects.requireNonNull(stage.getScene().lookup(id), id)).getText());
    }

    private static Object comboValue(Stage stage, String id) throws Exception {
        return fx(() -> ((javafx.scene.control.ComboBox<?>) java.util.Objects.requireNonNull(stage.getScene().lookup(id), id)).getValue());
    }

}
