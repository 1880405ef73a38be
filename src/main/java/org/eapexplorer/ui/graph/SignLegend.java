package org.eapexplorer.ui.graph;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The line under the graph saying what its colours and widths mean, in the window's one colour language: red
 * is a positive score (patching the edge raises the metric), blue a negative one (patching it lowers the metric).
 */
public final class SignLegend extends HBox {

    public static final String POSITIVE_MEANING = "patching the edge raises the metric";
    public static final String NEGATIVE_MEANING = "patching the edge lowers the metric";

    public static final String NODE_MEANING = "= node score";

    private final Label nodes = new Label("■ fill");
    private final Label nodeMeaning = new Label(NODE_MEANING);

    public SignLegend() {
        super(6);
        setId("signLegend");
        getStyleClass().addAll("graph-toolbar", "graph-legend");
        Label positive = new Label("━ positive");
        positive.setId("legendPositive");
        positive.getStyleClass().add("legend-positive");
        Label negative = new Label("━ negative");
        negative.setId("legendNegative");
        negative.getStyleClass().add("legend-negative");
        Label width = new Label("width ∝ |score|");
        width.getStyleClass().add("muted");
        nodes.setId("legendNodes");
        nodes.getStyleClass().add("legend-positive");
        nodeMeaning.setId("legendNodeMeaning");
        nodeMeaning.setTooltip(new javafx.scene.control.Tooltip("Each node is filled by its node score, the sum of its out-edges' "
                + "scores (EAP-IG's node level): red positive, blue negative, darker for a larger |score|"));
        showNodeScores(false);
        getChildren().addAll(positive, new Label(POSITIVE_MEANING), gap(), negative, new Label(NEGATIVE_MEANING), gap(), width,
                gap(), nodes, nodeMeaning);
        for (var n : getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
    }

    private static Region gap() {
        Region r = new Region();
        r.setMinWidth(12);
        return r;
    }

    /** Says what the node fills mean while the graph colours its nodes by score. */
    public void showNodeScores(boolean shown) {
        for (Label l : new Label[] {nodes, nodeMeaning}) {
            l.setVisible(shown);
            l.setManaged(shown);
        }
    }

    public void followNodeScores(javafx.beans.value.ObservableValue<Boolean> shown) {
        shown.addListener((obs, old, on) -> showNodeScores(on));
        showNodeScores(shown.getValue());
    }
}
