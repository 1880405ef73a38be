package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import javafx.scene.control.TextField;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.NamedCircuit;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 17, item 2: every panel shows the circuit on screen, or says plainly that it does not. */
class PanelsAgreeTest extends WindowTest {

    private EvalViewModel eval() {
        return app.models().eval();
    }

    private void runTinyWithFaithfulness() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        await(fx(() -> eval().computeFaithfulness()));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    private String faithfulnessFigure(String name) throws Exception {
        Path svg = tempDir.resolve(name);
        await(fx(() -> eval().exportFaithfulness(svg, 1)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        return Files.readString(svg);
    }

    @Test
    void faithfulnessReadsTheCurrentEdgeCountNotTheNearestSmallerOne() throws Exception {
        runTinyWithFaithfulness();
        FaithfulnessCurve f = eval().faithfulness();
        int i = 0;
        while (f.edgeCounts()[i + 1] - f.edgeCounts()[i] < 2) {
            i++;
        }
        int lower = f.edgeCounts()[i];
        int upper = f.edgeCounts()[i + 1];
        int k = lower + 1;
        fxRun(() -> app.state().setThreshold(Threshold.topK(k)));
        String svg = faithfulnessFigure("between.svg");
        assertTrue(svg.contains("threshold: " + k + " edges: ≈"), "no reading at k = " + k);
        assertTrue(svg.contains("interpolated between computed k = " + lower + " and " + upper), svg);

        fxRun(() -> app.state().setThreshold(Threshold.topK(upper)));
        String exact = faithfulnessFigure("exact.svg");
        assertTrue(exact.contains(String.format(java.util.Locale.ROOT, "threshold: %d edges: %.3f", upper,
                f.normalized(i + 1))), "a computed k is read exactly");
    }

    @Test
    void aSearchedCircuitShownInTheGraphGetsNoThresholdInTheOtherPanels() throws Exception {
        runTinyWithFaithfulness();
        fxRun(() -> app.state().setThreshold(Threshold.topK(9)));
        BitSet edges = new BitSet();
        edges.set(0, 5);
        fxRun(() -> eval().show(new NamedCircuit("ACDC (KL) τ 0.01", edges)));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(Double.isNaN(app.window.histogramView().drawnThreshold()),
                "the histogram draws a threshold line the shown circuit does not have");
        TextField field = lookup("#thresholdField").queryAs(TextField.class);
        assertEquals("", field.getText(), "the threshold field reads as the size of the circuit shown");
        assertTrue(field.getPromptText().contains("9") && field.getPromptText().contains("not shown"), field.getPromptText());
        String svg = faithfulnessFigure("given.svg");
        assertTrue(svg.contains("not one of EAP") && svg.contains("top-k circuits: it has no point on this curve"), "the faithfulness panel does not say it shows another circuit");
        assertFalse(svg.contains("threshold: "), "a faithfulness cursor for a circuit not on the curve");

        // Typing a threshold goes back to the threshold's circuit, even the same one as before.
        clickOn("#thresholdField").write("9").type(javafx.scene.input.KeyCode.ENTER);
        assertFalse(app.models().circuits().showsGiven());
        assertEquals("9", field.getText());
        assertFalse(Double.isNaN(app.window.histogramView().drawnThreshold()));
    }
}
