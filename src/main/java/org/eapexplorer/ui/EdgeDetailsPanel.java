package org.eapexplorer.ui;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The selected edge: its ends, which head input it enters, score, rank and percentile. Esc clears it. */
public final class EdgeDetailsPanel extends VBox {

    private final AppState state;
    private final CircuitViewModel circuits;
    private final Label name = new Label();
    private final Label upstream = new Label();
    private final Label downstream = new Label();
    private final Label input = new Label();
    private final Label score = new Label();
    private final Label rank = new Label();
    private final Label percentile = new Label();
    private final Label shown = new Label();
    private final Label empty = new Label("Click an edge, or press N / P to step through edges by rank.");
    private final GridPane grid = new GridPane();

    public EdgeDetailsPanel(AppState state, CircuitViewModel circuits) {
        this.state = state;
        this.circuits = circuits;
        getStyleClass().add("side-section");
        setSpacing(6);
        Label title = new Label("Selected edge");
        title.getStyleClass().add("section-title");
        name.setId("edgeName");
        name.getStyleClass().add("edge-name");
        name.setWrapText(true);
        score.setId("edgeScore");
        rank.setId("edgeRank");
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        grid.setHgap(8);
        grid.setVgap(3);
        int row = 0;
        for (Object[] pair : new Object[][] {{"From", upstream}, {"To", downstream}, {"Input", input}, {"Score", score},
                {"Rank", rank}, {"Percentile", percentile}, {"Drawn", shown}}) {
            Label key = new Label((String) pair[0]);
            key.getStyleClass().add("muted");
            grid.addRow(row++, key, (Label) pair[1]);
        }
        getChildren().addAll(title, empty, name, grid);
        state.selectedEdgeProperty().addListener(o -> refresh());
        circuits.circuitProperty().addListener(o -> refresh());
        refresh();
    }

    private void refresh() {
        int edge = state.selectedEdge();
        boolean has = edge >= 0 && circuits.ranking() != null;
        empty.setVisible(!has);
        empty.setManaged(!has);
        name.setVisible(has);
        name.setManaged(has);
        grid.setVisible(has);
        grid.setManaged(has);
        if (!has) {
            return;
        }
        EdgeDetails d = EdgeDetails.of(edge, circuits.ranking(), circuits.circuit());
        name.setText(d.name());
        upstream.setText(d.upstream());
        downstream.setText(d.downstream());
        input.setText(d.input());
        score.setText(EdgeDetails.formatScore(d.score()));
        score.getStyleClass().removeAll("positive", "negative");
        score.getStyleClass().add(d.score() < 0 ? "negative" : "positive");
        rank.setText(String.format(Locale.ROOT, "%,d of %,d", d.rank(), d.edgeCount()));
        percentile.setText(Double.isNaN(d.percentile()) ? "n/a" : String.format(Locale.ROOT, "%.2f", d.percentile()));
        shown.setText(d.inCircuit() ? "yes" : "no (below the threshold or pruned)");
    }
}
