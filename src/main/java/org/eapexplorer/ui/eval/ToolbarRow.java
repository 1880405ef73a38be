package org.eapexplorer.ui.eval;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A row of controls above a chart that never shrinks its buttons, fields and labels to "…": only the trailing
 * hint gives up width when the window is narrow, and then hides (it stays the row's tooltip).
 */
final class ToolbarRow extends HBox {

    /**
     * Sizes a list field to its text (never under {@code minColumns} columns), so that no entry hides behind its
     * edge; measured with the field's font, as column counts are much wider than digits and commas.
     */
    static void fitToText(javafx.scene.control.TextField field, int minColumns) {
        field.setPrefColumnCount(minColumns);
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        field.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            probe.setText(field.getText());
            probe.setFont(field.getFont());
            double text = probe.getLayoutBounds().getWidth() + field.getPadding().getLeft() + field.getPadding().getRight() + 4;
            return Math.max(text, field.getFont().getSize() * 0.6 * minColumns);
        }, field.textProperty(), field.fontProperty(), field.paddingProperty()));
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
            // Shown whole or not at all: where the row is too narrow for it the hint hides rather than ending in
            // "…" or taking lines from the chart, and stays available as the row's tooltip.
            h.setMinWidth(0);
            h.widthProperty().addListener((obs, old, w) -> h.setVisible(w.doubleValue() + 0.5 >= h.prefWidth(-1)));
            javafx.scene.control.Tooltip.install(this, new javafx.scene.control.Tooltip(hint));
            HBox.setHgrow(h, Priority.ALWAYS);
            getChildren().add(h);
        }
    }
}
