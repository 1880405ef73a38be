package org.eapexplorer.ui.eval;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A row of controls above a chart that never shrinks its buttons, fields and labels to "…": only the trailing
 * hint gives up width when the window is narrow.
 */
final class ToolbarRow extends HBox {

    /** Lets a list field grow with its text (never under {@code minColumns}), so no entry hides behind its edge. */
    static void fitToText(javafx.scene.control.TextField field, int minColumns) {
        field.prefColumnCountProperty().bind(javafx.beans.binding.Bindings.createIntegerBinding(
                () -> Math.max(minColumns, field.getText().length() + 1), field.textProperty()));
    }

    ToolbarRow(String hint, Node... controls) {
        super(6);
        getStyleClass().add("graph-toolbar");
        for (Node n : controls) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        getChildren().addAll(controls);
        if (hint != null) {
            Label h = new Label(hint);
            h.getStyleClass().add("muted");
            // Wraps onto a second line rather than ending in "…" when the window is narrow.
            h.setWrapText(true);
            h.setMinWidth(0);
            HBox.setHgrow(h, Priority.ALWAYS);
            getChildren().add(h);
        }
    }
}
