package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.ui.eval.MibMetrics;
import org.eapexplorer.ui.eval.MibViewModel;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The Faithfulness tab's MIB metrics are the core's, run on a model loaded apart from the window; sessions keep them. */
class MibFaithfulnessTabTest extends WindowTest {

    private static MibMetrics direct(AnalysisResult r) throws Exception {
        PromptSet set = PromptPairFile.read(r.promptFile());
        try (LanguageModel model = LanguageModel.load(r.modelDir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(r.modelDir())) {
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            try (CircuitRunner runner = CircuitRunner.prepare(model, pairs, set.metric())) {
                MibCurve cpr = MibCircuitMetrics.cpr(runner, r.scores(), ProgressListener.NONE, CancellationToken.NEVER);
                MibCurve cmd = MibCircuitMetrics.cmd(runner, ScoreRanking.of(r.scores()), ProgressListener.NONE, CancellationToken.NEVER);
                return new MibMetrics(cpr, cmd);
            }
        }
    }

    private void pressMibAndWait() throws Exception {
        fxRun(() -> ((Button) app.scene.lookup("#computeMibButton")).fire());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (fx(() -> app.state().isBusy()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theTabShowsCprAndCmdAsMibCircuitMetricsComputesThem() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        AnalysisResult r = app.state().result();
        MibViewModel mib = app.models().eval().mib();
        assertNull(mib.metrics());
        pressMibAndWait();
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        MibMetrics shown = mib.metrics();
        MibMetrics expected = direct(r);
        assertEquals(expected.cpr().area(), shown.cpr().area(), 1e-9);
        assertEquals(expected.cmd().area(), shown.cmd().area(), 1e-9);
        assertArrayEquals(expected.cpr().faithfulness(), shown.cpr().faithfulness(), 1e-9);
        assertArrayEquals(expected.cmd().faithfulness(), shown.cmd().faithfulness(), 1e-9);
        assertArrayEquals(MibCircuitMetrics.edgeCounts(r.edgeCount()), shown.cpr().curve().edgeCounts(), "at MIB's fractions");
        String label = fx(() -> ((Label) app.scene.lookup("#mibSummary")).getText());
        assertEquals(expected.describe(), label);
        assertTrue(label.contains("CPR") && label.contains("signed ranking") && label.contains("CMD") && label.contains("absolute ranking"),
                label);
        assertTrue(app.state().statusProperty().get().startsWith("MIB: CPR"), app.state().statusProperty().get());

        // Saved and reopened: the same numbers, no model work.
        Path file = tempDir.resolve("mib-session.json");
        await(fx(() -> app.models().sessions().save(file)));
        // Opening shows the session's result, which clears what was computed from the old one; then restores it.
        await(fx(() -> app.models().sessions().open(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertEquals(shown.cpr().area(), mib.metrics().cpr().area(), 0);
        assertEquals(shown.cmd().area(), mib.metrics().cmd().area(), 0);
        assertArrayEquals(shown.cmd().curve().metric(), mib.metrics().cmd().curve().metric(), 0);
        assertEquals(expected.describe(), fx(() -> ((Label) app.scene.lookup("#mibSummary")).getText()));
    }
}
