package org.eapexplorer.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks in modal dialogs owned by the window; these wait for the answer, unlike error dialogs. */
public final class DialogQuestions implements Questions {

    private final Supplier<Window> owner;

    public DialogQuestions(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String message, String action) {
        ButtonType proceed = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message, proceed, ButtonType.CANCEL);
        // Enter must not throw the results away: the safe answer is the default one.
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(proceed)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == proceed).isPresent();
    }

    @Override
    public SaveChoice askToSave(String message) {
        ButtonType save = new ButtonType("Save…", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Save the results before quitting?", message, save, discard,
                ButtonType.CANCEL);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? SaveChoice.SAVE : answer == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    @Override
    public Path chooseSessionFile(String title, String initialName, File folder) {
        FileChooser chooser = sessionChooser(title);
        if (folder != null) {
            chooser.setInitialDirectory(folder);
        }
        chooser.setInitialFileName(initialName);
        File file = chooser.showSaveDialog(owner.get());
        return file == null ? null : file.toPath();
    }

    /** The chooser for session files, for opening and saving. */
    public static FileChooser sessionChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("EAP Explorer session (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    private Alert alert(Alert.AlertType type, String title, String message, ButtonType... buttons) {
        return alert(owner, type, title, message, buttons);
    }

    /** The program's dialog: its title as the header, the message wrapped, owned by the window while it shows. */
    static Alert alert(Supplier<Window> owner, Alert.AlertType type, String title, String message, ButtonType... buttons) {
        Alert alert = new Alert(type, "", buttons);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(520);
        // Sized from the wrapped text, not from the message on one line (which made a dialog wider than the screen).
        text.setPrefWidth(520);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.setTitle("EAP Explorer");
        alert.setHeaderText(title);
        Window window = owner.get();
        if (window != null && window.isShowing()) {
            alert.initOwner(window);
        }
        return alert;
    }
}
