package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** A model that reads its input unlike GPT-2 (shortformer positions, a BOS token) says so in the window and in sessions. */
class ShortformerWindowTest extends WindowTest {

    private static final Path MODEL = Path.of("src", "test", "resources", "fixtures", "tiny-shortformer").toAbsolutePath();

    @Test
    void theStatusBarNamesTheInputConventionsAndSessionsKeepThem() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(MODEL, MODEL.resolve("prompts.jsonl"), ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertEquals("shortformer positions, BOS 41 prepended", app.state().result().inputConventions());
        String summary = fx(() -> ((Label) app.scene.lookup("#resultSummary")).getText());
        assertTrue(summary.contains("shortformer positions, BOS 41 prepended"), summary);

        Path session = tempDir.resolve("shortformer.eap.json");
        await(fx(() -> app.models().sessions().save(session)));
        Stage stage = fx(Stage::new);
        WindowFixture reopened = fx(() -> new WindowFixture(stage, tempDir));
        try {
            await(fx(() -> reopened.models().sessions().open(session)));
            assertEquals("shortformer positions, BOS 41 prepended", reopened.state().result().inputConventions());
        } finally {
            WindowFixture.fxRun(() -> {
                reopened.context.close();
                stage.hide();
            });
        }
    }

    @Test
    void gpt2ModelsSayNothingExtra() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        assertEquals("", r.inputConventions());
        String summary = fx(() -> ((Label) app.scene.lookup("#resultSummary")).getText());
        assertTrue(!summary.contains("prepended") && !summary.contains("shortformer"), summary);
    }
}
