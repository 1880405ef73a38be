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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 17, item 1: Enter never re-runs EAP, a re-run asks before it discards results, quitting asks to save. */
class WorkNotLostTest extends WindowTest {

    private AnalysisResult runTiny() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertNotNull(app.state().result());
        return app.state().result();
    }

    private void computeLambdaCurve() throws Exception {
        await(fx(() -> app.models().patching().computeCurve(0)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertEquals(1, app.models().patching().curves().size());
    }

    @Test
    void enterInTheScatterFieldOrOnEmptySpaceDoesNotRunEap() throws Exception {
        AnalysisResult before = runTiny();
        computeLambdaCurve();
        fxRun(() -> lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        clickOn("#topNField").eraseText(3).write("7").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.state().isBusy(), "Enter in the N field started a job");
        assertEquals(7, app.models().patching().topNProperty().get(), "Enter applies the field");
        clickOn("#runSummary").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.state().isBusy(), "Enter after clicking empty space started a job");
        assertSame(before, app.state().result());
        assertEquals(1, app.models().patching().curves().size(), "the λ-curve was discarded");
        assertTrue(app.questions.asked.isEmpty(), app.questions.asked.toString());
    }

    @Test
    void runningEapAgainOverComputedResultsAsksFirst() throws Exception {
        AnalysisResult before = runTiny();
        fxRun(() -> assertNotNull(app.models().run().run()));   // nothing beyond the scores yet: no question
        WaitForAsyncUtils.waitForFxEvents();
        while (app.state().isBusy()) {
            Thread.sleep(50);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(app.questions.asked.isEmpty(), app.questions.asked.toString());
        computeLambdaCurve();
        AnalysisResult kept = app.state().result();
        app.questions.confirmAnswer = false;
        assertNull(fx(() -> app.models().run().run()));
        assertEquals(1, app.questions.asked.size());
        assertTrue(app.questions.asked.get(0).contains("1 λ-curve"), app.questions.asked.get(0));
        assertSame(kept, app.state().result());
        assertEquals(1, app.models().patching().curves().size());

        app.questions.confirmAnswer = true;
        await(fx(() -> app.models().run().run()));
        assertTrue(app.state().result() != kept && app.state().result() != before);
        assertEquals(0, app.models().patching().curves().size());
    }

    @Test
    void quittingWithUnsavedResultsAsksToSave() throws Exception {
        runTiny();
        KeyCodeCombination quit = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);

        app.questions.saveAnswer = Questions.SaveChoice.CANCEL;
        clickOn("#runSummary");
        push(quit);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, app.questions.asked.size(), app.questions.asked.toString());
        assertTrue(app.questions.asked.get(0).contains("EAP scores"), app.questions.asked.get(0));
        assertTrue(app.scene.getWindow().isShowing(), "Cancel keeps the window open");

        Path file = tempDir.resolve("quit-save.eap.json");
        app.questions.saveAnswer = Questions.SaveChoice.SAVE;
        app.questions.sessionFile = file;
        push(quit);
        for (int i = 0; i < 100 && app.scene.getWindow().isShowing(); i++) {
            Thread.sleep(50);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(Files.isRegularFile(file), "Save writes the session");
        assertFalse(app.scene.getWindow().isShowing(), "the window closes once saved");
        assertFalse(fx(() -> app.models().sessions().hasUnsavedResults()));
        assertTrue(fx(() -> app.window.mayClose()), "nothing left to save: closes without asking");
    }

    @Test
    void discardClosesAndASavedOrFreshWindowAsksNothing() throws Exception {
        assertTrue(fx(() -> app.window.mayClose()));
        assertTrue(app.questions.asked.isEmpty());
        runTiny();
        app.questions.saveAnswer = Questions.SaveChoice.DISCARD;
        assertTrue(fx(() -> app.window.mayClose()));
        assertEquals(1, app.questions.asked.size());
    }
}
