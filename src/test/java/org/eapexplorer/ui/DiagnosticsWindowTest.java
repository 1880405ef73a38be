package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/** Help → Diagnostics shows what doctor prints, gathered off the UI thread. */
class DiagnosticsWindowTest extends WindowTest {

    @Test
    void helpDiagnosticsShowsTheLoadedLibtorchAndTheNetworkPolicy() throws Exception {
        MenuItem item = fx(() -> {
            MenuBar bar = (MenuBar) app.scene.getRoot().lookup(".menu-bar");
            for (Menu m : bar.getMenus()) {
                for (MenuItem i : m.getItems()) {
                    if ("diagnosticsItem".equals(i.getId())) {
                        return i;
                    }
                }
            }
            return null;
        });
        assertNotNull(item, "Help → Diagnostics… is in the menu bar");
        fxRun(item::fire);
        String text = "";
        for (int i = 0; i < 300 && !text.contains("network:"); i++) {
            Thread.sleep(100);
            text = fx(() -> {
                for (Window w : Window.getWindows()) {
                    if (w.getScene() != null && w.getScene().lookup("#diagnosticsText") instanceof TextArea area) {
                        return area.getText();
                    }
                }
                return "";
            });
        }
        assertTrue(text.contains("libtorch loaded from:"), text);
        assertTrue(text.contains("CUDA devices:"), text);
        assertTrue(text.contains("network:"), text);
        fxRun(() -> {
            for (Window w : Window.getWindows().toArray(new Window[0])) {
                if (w instanceof Stage s && "Diagnostics".equals(s.getTitle())) {
                    s.close();
                }
            }
        });
    }
}
