package org.eapexplorer.ui.compare;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The line under the graph while its edges are coloured by score_B − score_A: the window's sign colours, now for the
 * sign of the difference (red, B scores the edge higher than A; blue, lower), and which sets A and B are.
 */
public final class DifferenceLegend extends HBox {

    public DifferenceLegend(CompareViewModel model) {
        super(6);
        setId("differenceLegend");
        getStyleClass().addAll("graph-toolbar", "graph-legend");
        Label what = new Label("Colour: score_B − score_A");
        what.setStyle("-fx-font-weight: bold;");
        Label positive = new Label("━ B > A");
        positive.setId("legendDifferencePositive");
        positive.getStyleClass().add("legend-positive");
        Label negative = new Label("━ B < A");
        negative.setId("legendDifferenceNegative");
        negative.getStyleClass().add("legend-negative");
        Label width = new Label("width ∝ |B − A|");
        width.getStyleClass().add("muted");
        Label sets = new Label();
        sets.setId("differenceSets");
        sets.getStyleClass().add("muted");
        sets.textProperty().bind(Bindings.createStringBinding(() -> "A = " + (model.a() == null ? "" : model.a().name())
                + ",  B = " + (model.b() == null ? "" : model.b().name()), model.aProperty(), model.bProperty()));
        getChildren().addAll(what, gap(), positive, negative, gap(), width, gap(), sets);
        for (var n : getChildren()) {
            if (n instanceof Label l && l != sets) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        sets.setMinWidth(0);
        javafx.scene.control.Tooltip.install(this, new javafx.scene.control.Tooltip(
                "The edges the threshold keeps on the shown scores, coloured by score_B − score_A"));
    }

    private static Region gap() {
        Region r = new Region();
        r.setMinWidth(12);
        return r;
    }
}
