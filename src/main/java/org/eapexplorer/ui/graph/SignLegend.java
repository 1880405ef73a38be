package org.eapexplorer.ui.graph;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.StrokeLineCap;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.GraphLegend;
import org.eapexplorer.circuit.Numbers;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.SignPalette;

/**
 * The line under the graph saying what its colours and widths mean, in the window's one colour language: red
 * (or Okabe–Ito vermillion) is a positive score (patching the edge raises the metric), blue a negative one
 * (patching it lowers the metric); a width scale shows strokes at the largest kept |score|, half of it and the
 * weakest kept |score|, as wide as the graph draws them at 100 % zoom or less.
 */
public final class SignLegend extends FlowPane {

    public static final String POSITIVE_MEANING = "patching the edge raises the metric";
    public static final String NEGATIVE_MEANING = "patching the edge lowers the metric";

    public static final String NODE_MEANING = "= node score";

    private final Label nodes = new Label("■ +");
    private final Label nodesNegative = new Label("■ −");
    private final Label nodeMeaning = new Label(NODE_MEANING);
    private final Label positive = new Label("━ positive");
    private final Label negative = new Label("━ negative");
    private final HBox widthScale = new HBox(4);
    private final Label widthLabel;

    public SignLegend() {
        // A flow, not a row: at the default window size the width scale wraps under the signs instead of being cut off.
        super(6, 2);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setId("signLegend");
        getStyleClass().addAll("graph-toolbar", "graph-legend");
        positive.setId("legendPositive");
        positive.getStyleClass().add("legend-positive");
        negative.setId("legendNegative");
        negative.getStyleClass().add("legend-negative");
        Label width = new Label("width ∝ |score|");
        width.getStyleClass().add("muted");
        nodes.setId("legendNodes");
        nodes.getStyleClass().add("legend-positive");
        nodesNegative.setId("legendNodesNegative");
        nodesNegative.getStyleClass().add("legend-negative");
        nodeMeaning.setId("legendNodeMeaning");
        showNodeScores(false);
        widthScale.setId("legendWidthScale");
        widthScale.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // The label and its samples wrap as one.
        widthLabel = width;
        widthScale.getChildren().add(width);
        getChildren().addAll(positive, new Label(POSITIVE_MEANING), gap(), negative, new Label(NEGATIVE_MEANING), gap(),
                widthScale, gap(), nodes, nodesNegative, nodeMeaning);
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
        for (Label l : new Label[] {nodes, nodesNegative, nodeMeaning}) {
            l.setVisible(shown);
            l.setManaged(shown);
        }
    }

    /** Colours the sign labels as {@code chosen} colours the edges. */
    public void followPalette(ObservableValue<SignPalette> chosen) {
        chosen.addListener((obs, old, p) -> usePalette(p));
        usePalette(chosen.getValue());
    }

    private void usePalette(SignPalette p) {
        SignPalette palette = p == null ? SignPalette.RED_BLUE : p;
        // Inline, over the stylesheet's red/blue classes, which stay for the default palette.
        positive.setStyle("-fx-text-fill: " + palette.positive().toHex() + ";");
        negative.setStyle("-fx-text-fill: " + palette.negative().toHex() + ";");
        positive.setTooltip(new javafx.scene.control.Tooltip(palette.positiveName() + ": " + POSITIVE_MEANING));
        // The node fills are drawn in the palette's colours (NodeScoreColours), so their swatches are too.
        nodes.setStyle("-fx-text-fill: " + palette.positive().toHex() + ";");
        nodesNegative.setStyle("-fx-text-fill: " + palette.negative().toHex() + ";");
        nodeMeaning.setTooltip(new javafx.scene.control.Tooltip("Each node is filled by its node score, the sum of its out-edges' "
                + "scores (EAP-IG's node level): " + palette.positiveName() + " positive, " + palette.negativeName()
                + " negative, darker for a larger |score|"));
        negative.setTooltip(new javafx.scene.control.Tooltip(palette.negativeName() + ": " + NEGATIVE_MEANING));
    }

    /** Keeps the width scale's samples at the shown circuit's |score| values. */
    public void followCircuit(ObservableValue<Circuit> circuit) {
        circuit.addListener((obs, old, c) -> showWidths(c));
        showWidths(circuit.getValue());
    }

    private void showWidths(Circuit circuit) {
        widthScale.getChildren().setAll(widthLabel);
        if (circuit == null) {
            return;
        }
        for (GraphLegend.Sample sample : GraphLegend.samples(circuit, PaintStyle.defaults())) {
            Line stroke = new Line(0, 0, 16, 0);
            stroke.setStrokeWidth(sample.width());
            stroke.setStroke(Color.web("#4D4D4D"));
            stroke.setStrokeLineCap(StrokeLineCap.BUTT);
            Label number = new Label(Numbers.compact(sample.abs()));
            number.getStyleClass().addAll("muted", "legend-width-sample");
            number.setMinWidth(Region.USE_PREF_SIZE);
            widthScale.getChildren().addAll(stroke, number);
        }
    }

    public void followNodeScores(javafx.beans.value.ObservableValue<Boolean> shown) {
        shown.addListener((obs, old, on) -> showNodeScores(on));
        showNodeScores(shown.getValue());
    }
}
