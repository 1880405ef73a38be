package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.scene.control.ComboBox;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** Issue 17, item 3: the Model box names the model the window computes on, and only model folders. */
class ModelChoiceTest extends WindowTest {

    private static Path copyOfTiny(String where) throws Exception {
        Path dir = Files.createDirectories(tempDir.resolve(where).resolve("tiny-f32"));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(TINY.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    @SuppressWarnings("unchecked")
    private ComboBox<Path> modelBox() {
        return lookup("#modelChoice").queryAs(ComboBox.class);
    }

    private void runTiny() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void aFolderWithoutAModelIsRefusedAndTheBoxGoesBack() throws Exception {
        runTiny();
        Path notAModel = Files.createDirectories(tempDir.resolve("just-prompts"));
        fxRun(() -> {
            modelBox().getItems().add(notAModel);
            modelBox().setValue(notAModel);
        });
        assertEquals(TINY, app.state().modelDir(), "the chosen model changed to a folder without one");
        assertEquals(TINY, modelBox().getValue(), "the box still names the folder that was refused");
        assertEquals(1, app.errors.size(), app.errors.toString());
        assertTrue(app.errors.get(0).contains("config.json"), app.errors.get(0));
    }

    @Test
    void sameNamedModelsShowWhereTheyAre() throws Exception {
        Path a = copyOfTiny("a");
        Path b = copyOfTiny("b");
        fxRun(() -> {
            app.models().run().chooseModel(a);
            app.models().run().chooseModel(b);
        });
        String shownB = modelBox().getButtonCell().getText();
        fxRun(() -> app.models().run().chooseModel(a));
        String shownA = modelBox().getButtonCell().getText();
        assertNotEquals(shownA, shownB, "two folders named tiny-f32 look the same in the Model box");
        assertTrue(shownA.contains("a") && shownB.contains("b"), shownA + " / " + shownB);
        assertEquals(a.toString(), modelBox().getTooltip().getText());
    }

    @Test
    void jobsRefuseWhileTheBoxNamesAnotherModelThanTheScores() throws Exception {
        runTiny();
        Path other = copyOfTiny("other");
        fxRun(() -> app.models().run().chooseModel(other));
        assertNull(fx(() -> app.models().patching().computeCurve(0)), "λ-curve computed on a model the box does not name");
        assertFalse(app.state().isBusy());
        String said = app.state().statusProperty().get();
        assertTrue(said.contains(TINY.toString()) && said.contains(other.toString()), said);
        assertNull(fx(() -> app.models().eval().computeFaithfulness()));
        fxRun(() -> app.models().run().chooseModel(TINY));
        await(fx(() -> app.models().patching().computeCurve(0)));
        assertEquals(1, app.models().patching().curves().size());
    }
}
