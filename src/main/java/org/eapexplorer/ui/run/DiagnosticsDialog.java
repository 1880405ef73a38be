package org.eapexplorer.ui.run;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Help → Diagnostics…: what doctor prints, in a window (versions, libtorch and its flavour, CUDA devices, threads, allocators, network). */
public final class DiagnosticsDialog {

    private DiagnosticsDialog() {
    }

    /** Shows the facts, gathered afresh on the model worker; {@code owner} may be null or hidden. */
    public static void show(DiagnosticsViewModel diagnostics, Window owner) {
        TextArea text = new TextArea();
        text.setId("diagnosticsText");
        text.setEditable(false);
        // Long lines (library paths) wrap: the dialog never needs scrolling sideways.
        text.setWrapText(true);
        text.setPrefColumnCount(80);
        text.setPrefRowCount(16);
        text.setStyle("-fx-font-family: monospace;");
        text.textProperty().bind(diagnostics.textProperty());
        diagnostics.refresh();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Diagnostics");
        dialog.setHeaderText("What EAP Explorer runs on (the same as 'eap-explorer doctor')");
        dialog.getDialogPane().setContent(text);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        if (owner != null && owner.isShowing()) {
            dialog.initOwner(owner);
        }
        dialog.show();
    }
}
