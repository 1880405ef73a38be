package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** Issue 17, item 8: files that are not sessions are named in words, and score files open in the window. */
class OpenFilesTest extends WindowTest {

    private AnalysisResult runTiny() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        return app.state().result();
    }

    /** A score file as the score command writes it. */
    private static Path scoreFile(AnalysisResult r, String name) throws Exception {
        Path file = tempDir.resolve(name);
        ScoreJson.write(file, new ScoreFile(TINY.toString(), TINY_PROMPTS.toString(), r.metric().jsonName(), r.pairs(),
                r.deviceDescription(), r.metricClean(), r.metricCorrupted(), Map.of("eap", 1.0), r.scores()));
        return file;
    }

    private String openAsSession(Path file) throws Exception {
        app.errors.clear();
        await(fx(() -> app.models().sessions().open(file)));
        assertEquals(1, app.errors.size(), app.errors.toString());
        return app.errors.get(0);
    }

    @Test
    void aScoreFileOpensAndDrawsItsGraphWithoutAModel() throws Exception {
        AnalysisResult computed = runTiny();
        Path file = scoreFile(computed, "tiny-scores.json");
        await(fx(() -> app.models().sessions().openScores(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        AnalysisResult opened = app.state().result();
        assertTrue(opened != computed);
        assertArrayEquals(computed.scores().scores(), opened.scores().scores());
        assertNull(opened.promptFile());
        assertTrue(app.window.graphView().drawnEdgeCount() > 0, "the score file's graph is not drawn");
        assertNull(fx(() -> app.models().patching().computeCurve(0)), "a model job ran on scores without their prompts");
        assertTrue(app.state().statusProperty().get().contains("prompt file"), app.state().statusProperty().get());
    }

    @Test
    void aScoreFileOpenedAsASessionIsNamedAsOne() throws Exception {
        Path file = scoreFile(runTiny(), "scores.json");
        String error = openAsSession(file);
        assertTrue(error.contains("score file") && error.contains("Open scores"), error);
        assertFalse(error.contains("missing"), error);
    }

    @Test
    void aCircuitFileOpenedAsASessionIsNamedAsOne() throws Exception {
        runTiny();
        Path file = tempDir.resolve("circuit.json");
        await(fx(() -> app.models().export().exportCircuit(file, 1)));
        String error = openAsSession(file);
        assertTrue(error.contains("circuit file"), error);
        assertFalse(error.contains("missing"), error);
    }

    @Test
    void aTruncatedSessionSaysItIsCutOffWithoutLibraryNames() throws Exception {
        runTiny();
        Path whole = tempDir.resolve("whole.eap.json");
        await(fx(() -> app.models().sessions().save(whole)));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = tempDir.resolve("cut.eap.json");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        String error = openAsSession(cut);
        assertTrue(error.contains("truncated"), error);
        assertFalse(error.contains("Exception") || error.contains("java.") || error.contains("JsonReader"), error);
    }
}
