package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.RocPainter;
import org.eapexplorer.ui.run.RunEapJob;
import org.junit.jupiter.api.Test;

/** The ROC and faithfulness tabs on the built-in induction model and its reference circuit, through the real worker. */
class EvalViewsTest extends WindowTest {

    @Test
    void theRocTabShowsEdgeRocsAucAndMovesItsPointWithTheThreshold() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        TruthEdges truth = TruthEdges.read(r.modelDir().resolve(RunEapJob.GROUND_TRUTH), r.scores().graph());
        assertNotNull(eval.truth(), "the reference circuit beside the model is used");
        assertEquals(truth.edges(), eval.truth().edges());
        for (RocConvention convention : RocConvention.values()) {
            fxRun(() -> eval.conventionProperty().set(convention));
            RocCurve expected = EdgeRoc.edges(r.scores(), truth.edges(), truth.directReceivers(), convention);
            assertEquals(expected.auc(), eval.roc().auc(), 1e-12, convention.name());
            assertEquals(RocPainter.legend("EAP", "edges", expected), RocPainter.legend("EAP", "edges", eval.roc()));
        }
        fxRun(() -> eval.conventionProperty().set(RocConvention.AUTO_CIRCUIT));

        fxRun(() -> app.state().setThreshold(Threshold.topK(1)));
        int few = eval.rocCursor();
        fxRun(() -> app.state().setThreshold(Threshold.topK(r.edgeCount())));
        int many = eval.rocCursor();
        assertTrue(few >= 0 && many > few, few + " then " + many);
        assertEquals(eval.roc().pointAt(app.models().circuits().absThreshold()), many);

        fxRun(() -> eval.showNodesProperty().set(true));
        assertNotNull(eval.nodeRoc());
        for (String name : List.of("roc.csv", "roc.svg", "roc.png")) {
            Path out = tempDir.resolve(name);
            await(fx(() -> eval.exportRoc(out, 1)));
            assertTrue(Files.size(out) > 0, name);
        }
        assertTrue(Files.readString(tempDir.resolve("roc.csv")).startsWith("method,level,convention,fpr,tpr"));

        Path other = tempDir.resolve("other-truth.json");
        Files.copy(r.modelDir().resolve(RunEapJob.GROUND_TRUTH), other);
        assertTrue(fx(() -> eval.loadTruth(other)));
        assertEquals("other-truth.json", eval.truth().source());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void faithfulnessRunsFromNothingToTheFullModelAndItsCursorFollowsTheThreshold() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        EvalViewModel eval = app.models().eval();
        assertEquals(-1, eval.faithfulnessCursor());
        await(fx(eval::computeFaithfulness));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        FaithfulnessCurve f = eval.faithfulness();
        assertNotNull(f);
        assertEquals(0, f.edgeCounts()[0]);
        assertEquals(app.models().circuits().ranking().scoredCount(), f.edgeCounts()[f.size() - 1]);
        assertEquals(0, f.normalized(0), 1e-3);
        assertEquals(1, f.normalized(f.size() - 1), 1e-3);

        fxRun(() -> app.state().setThreshold(Threshold.topK(1)));
        int few = eval.faithfulnessCursor();
        fxRun(() -> app.state().setThreshold(Threshold.topK(r.edgeCount())));
        int all = eval.faithfulnessCursor();
        assertNotEquals(few, all);
        assertEquals(f.size() - 1, all);
        assertEquals(f.pointAtOrBelow(1), few);

        for (String name : List.of("faith.csv", "faith.svg", "faith.png")) {
            Path out = tempDir.resolve(name);
            await(fx(() -> eval.exportFaithfulness(out, 1)));
            assertTrue(Files.size(out) > 0, name);
        }
        assertEquals(f.size() + 1, Files.readAllLines(tempDir.resolve("faith.csv")).size());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }
}
