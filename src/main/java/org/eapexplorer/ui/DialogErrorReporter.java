package org.eapexplorer.ui;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Shows a failure as a dialog with a readable message (no stack trace); also logs it for the user's terminal. */
public final class DialogErrorReporter implements ErrorReporter {

    private final Supplier<Window> owner;

    public DialogErrorReporter(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void report(String title, Throwable error) {
        String message = ErrorReporter.describe(error);
        System.err.println("error: " + title + ": " + message);
        if (System.getenv("EAP_DEBUG") != null) {
            error.printStackTrace();
        }
        Alert alert = DialogQuestions.alert(owner, Alert.AlertType.ERROR, title, message, ButtonType.OK);
        // Not showAndWait: a dialog must not hold up the events that follow it (further job results, tests).
        alert.show();
    }
}
