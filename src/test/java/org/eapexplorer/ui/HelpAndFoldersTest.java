package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.eapexplorer.io.ProgramVersion;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, item 12: File → Open model…, Help's keyboard shortcuts and About, and file dialogs that start in the
 * folder last used for their kind of file, remembered across runs.
 */
class HelpAndFoldersTest extends WindowTest {

    private List<MenuItem> items(String menu) throws Exception {
        return fx(() -> {
            MenuBar bar = (MenuBar) app.scene.lookup(".menu-bar");
            for (Menu m : bar.getMenus()) {
                if (m.getText().equals(menu)) {
                    return List.copyOf(m.getItems());
                }
            }
            throw new AssertionError("no menu " + menu);
        });
    }

    private List<String> texts(String menu) throws Exception {
        return items(menu).stream().map(MenuItem::getText).filter(t -> t != null).toList();
    }

    @Test
    void fileOffersOpenModelAndHelpHasShortcutsAndAbout() throws Exception {
        assertTrue(texts("File").contains("Open model…"), texts("File").toString());
        assertTrue(texts("Help").containsAll(List.of("Keyboard shortcuts…", "Diagnostics…", "About EAP Explorer…")), texts("Help").toString());
    }

    @Test
    void everyAcceleratorOfTheMenusIsListedAmongTheShortcuts() throws Exception {
        List<String> accelerators = new ArrayList<>();
        for (String menu : List.of("File", "View", "Export", "Help")) {
            for (MenuItem item : items(menu)) {
                if (item.getAccelerator() != null) {
                    accelerators.add(fx(() -> item.getAccelerator().getDisplayText()));
                }
            }
        }
        assertTrue(accelerators.size() >= 5, accelerators.toString());
        List<String> listed = HelpDialogs.SHORTCUTS.stream().map(HelpDialogs.Shortcut::keys).toList();
        for (String a : accelerators) {
            String ctrl = a.replace("Shortcut+", "Ctrl+").replace("⌘", "Ctrl+");
            assertTrue(listed.contains(ctrl), ctrl + " is not among " + listed);
        }
    }

    @Test
    void aboutGivesTheVersionsInUse() {
        String about = HelpDialogs.aboutText();
        assertTrue(about.contains("EAP Explorer " + ProgramVersion.VERSION), about);
        assertTrue(about.contains("Java " + System.getProperty("java.runtime.version")), about);
        assertTrue(about.contains("JavaFX " + System.getProperty("javafx.runtime.version")), about);
        assertTrue(about.contains("DJL " + ai.djl.engine.Engine.getDjlVersion()), about);
    }

    @Test
    void theSaveDialogStartsInTheFolderOfTheLastSessionAndRemembersItAcrossRuns() throws Exception {
        app.runBuiltIn();
        Path sub = Files.createDirectories(tempDir.resolve("sessions-here"));
        app.questions.saveAnswer = Questions.SaveChoice.SAVE;
        app.questions.sessionFile = sub.resolve("first.eap.json");
        app.questions.lastFolder = new File("unset");
        fx(() -> app.window.mayClose());
        assertNull(app.questions.lastFolder, "nothing remembered yet: the dialog's own choice");
        for (int i = 0; i < 300 && !Files.exists(sub.resolve("first.eap.json")); i++) {
            Thread.sleep(100);
        }
        WindowFixture.fxRun(() -> ((javafx.stage.Stage) app.scene.getWindow()).show());  // saved, the window closed
        app.runBuiltIn();
        app.questions.sessionFile = null;  // cancel the second dialog: only where it starts matters
        fx(() -> app.window.mayClose());
        assertEquals(sub.toFile().getAbsoluteFile(), app.questions.lastFolder, "the folder the last session was saved to");
        LastFolders again = new LastFolders(tempDir.resolve("folders.txt"));
        assertEquals(sub.toFile().getAbsoluteFile(), again.initial(LastFolders.Kind.SESSION).orElseThrow(), "kept across runs");
        assertTrue(again.initial(LastFolders.Kind.PROMPTS).isEmpty(), "each kind its own");
        Files.delete(sub.resolve("first.eap.json"));
        Files.delete(sub);
        assertTrue(new LastFolders(tempDir.resolve("folders.txt")).initial(LastFolders.Kind.SESSION).isEmpty(), "a folder gone is not offered");
    }
}
