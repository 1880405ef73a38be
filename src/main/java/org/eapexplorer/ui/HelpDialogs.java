package org.eapexplorer.ui;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.eapexplorer.io.ProgramVersion;

/** Help → Keyboard shortcuts… and Help → About EAP Explorer…: what the README says about keys, and the versions in use. */
public final class HelpDialogs {

    /** A key and what it does, as the shortcuts dialog lists it. */
    public record Shortcut(String keys, String action) {
    }

    /** Every key the window answers to; the menu's own accelerators are among them (HelpMenuTest holds that). */
    public static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Ctrl+R", "Run scoring (File → Run scoring)"),
            new Shortcut("Ctrl+O", "Open session…"),
            new Shortcut("Ctrl+S", "Save session…"),
            new Shortcut("Ctrl+Q", "Quit"),
            new Shortcut("Ctrl+L", "Large charts: the charts take most of the window (View → Large charts)"),
            new Shortcut("N, →, ↓", "Graph: select the next edge by rank"),
            new Shortcut("P, ←, ↑", "Graph: select the previous edge by rank"),
            new Shortcut("Esc", "Graph: clear the selection"),
            new Shortcut("F", "Graph: fit to the window"),
            new Shortcut("+, −", "Graph: zoom in, out"),
            new Shortcut("Scroll, drag", "Graph: zoom, pan"));

    private HelpDialogs() {
    }

    /** The versions the About dialog gives: this program's, Java's, JavaFX's, DJL's and the operating system's. */
    public static String aboutText() {
        return "EAP Explorer " + ProgramVersion.VERSION + "\n"
                + "Edge attribution patching (EAP, EAP-IG, clean-corrupted) for transformer language models\n\n"
                + "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vm.name", "") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "unknown")) + "\n"
                + "DJL " + org.eapexplorer.runtime.Diagnostics.djlVersion() + "\n"
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n\n"
                + "Help → Diagnostics… says which libtorch runs and where.";
    }

    public static void showShortcuts(Window owner) {
        GridPane grid = new GridPane();
        grid.setId("shortcutsGrid");
        grid.setHgap(18);
        grid.setVgap(4);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label keys = new Label(SHORTCUTS.get(i).keys());
            keys.setStyle("-fx-font-weight: bold;");
            Label action = new Label(SHORTCUTS.get(i).action());
            action.setWrapText(true);
            grid.addRow(i, keys, action);
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts (Cmd for Ctrl on macOS)");
        alert.getDialogPane().setContent(grid);
        show(alert, owner);
    }

    public static void showAbout(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("About EAP Explorer");
        alert.setHeaderText("EAP Explorer " + ProgramVersion.VERSION);
        Label text = new Label(aboutText());
        text.setId("aboutText");
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        show(alert, owner);
    }

    private static void show(Alert alert, Window owner) {
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.show();
    }
}
