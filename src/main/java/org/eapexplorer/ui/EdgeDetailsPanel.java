package org.eapexplorer.ui;

import java.util.Locale;
import java.util.OptionalDouble;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.patching.PatchingViewModel;

/**
 * The selected edge: its ends, which head input it enters, score, rank and percentile, whether the reference
 * circuit has it, and its exact patching effect once the scatter or a λ-curve has computed it, with the linearity
 * figure beside the score (exact effect at λ = 1 against the linear estimate; the curve follows the selection). Esc
 * clears it.
 */
public final class EdgeDetailsPanel extends VBox {

    private final AppState state;
    private final CircuitViewModel circuits;
    private final EvalViewModel eval;
    private final PatchingViewModel patching;
    private final Label name = new Label();
    private final Label upstream = new Label();
    private final Label downstream = new Label();
    private final Label input = new Label();
    private final Label score = new Label();
    private final Label rank = new Label();
    private final Label percentile = new Label();
    private final Label shown = new Label();
    private final Label reference = new Label();
    private final Label exact = new Label();
    private final Label linearity = new Label();
    private final Label upstreamNode = new Label();
    private final Label downstreamNode = new Label();
    /** Node scores of {@link #nodeScoresOf}, kept while the scores stay the same. */
    private org.eapexplorer.model.NodeScores nodeScores;
    private org.eapexplorer.model.EdgeScores nodeScoresOf;
    private final Label empty = new Label("Click an edge, or press N / P to step through edges by rank.");
    private final GridPane grid = new GridPane();

    public EdgeDetailsPanel(AppState state, CircuitViewModel circuits, EvalViewModel eval, PatchingViewModel patching) {
        this.state = state;
        this.circuits = circuits;
        this.eval = eval;
        this.patching = patching;
        getStyleClass().add("side-section");
        setSpacing(6);
        Label title = new Label("Selected edge");
        title.getStyleClass().add("section-title");
        name.setId("edgeName");
        name.getStyleClass().add("edge-name");
        name.setWrapText(true);
        score.setId("edgeScore");
        rank.setId("edgeRank");
        reference.setId("edgeReference");
        reference.setWrapText(true);
        exact.setId("edgeExactEffect");
        linearity.setId("edgeLinearity");
        linearity.setWrapText(true);
        linearity.setTooltip(new javafx.scene.control.Tooltip(
                "The exact effect of patching the edge (λ = 1) and its ratio to the linear estimate at λ = 1: near 1× the edge is linear"));
        upstreamNode.setId("upstreamNodeScore");
        downstreamNode.setId("downstreamNodeScore");
        for (Label l : new Label[] {upstreamNode, downstreamNode}) {
            l.setTooltip(new javafx.scene.control.Tooltip("The node's score: the sum of its out-edges' scores (EAP-IG's node level)"));
        }
        exact.setWrapText(true);
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        values.setMinWidth(0);
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(), values);
        grid.setHgap(8);
        grid.setVgap(3);
        int row = 0;
        for (Object[] pair : new Object[][] {{"From", upstream}, {"To", downstream}, {"Input", input}, {"Score", score},
                {"Linearity", linearity}, {"Rank", rank}, {"Percentile", percentile}, {"Drawn", shown}, {"In reference", reference},
                {"Patched", exact}, {"From node score", upstreamNode}, {"To node score", downstreamNode}}) {
            Label key = new Label((String) pair[0]);
            key.getStyleClass().add("muted");
            key.setMinWidth(Region.USE_PREF_SIZE);
            // Values wrap in the side bar's width ("no (below the threshold or pruned)"), never end in "…".
            ((Label) pair[1]).setWrapText(true);
            ((Label) pair[1]).setMinWidth(0);
            grid.addRow(row++, key, (Label) pair[1]);
        }
        getChildren().addAll(title, empty, name, grid);
        state.selectedEdgeProperty().addListener(o -> refresh());
        circuits.circuitProperty().addListener(o -> refresh());
        eval.truthProperty().addListener(o -> refresh());
        patching.scatterProperty().addListener(o -> refresh());
        patching.curves().addListener((ListChangeListener<Object>) c -> refresh());
        patching.curveRunningProperty().addListener(o -> refresh());
        patching.curveMessageProperty().addListener(o -> refresh());
        state.jobProperty().addListener((o, old, job) -> {
            if ((old == null) != (job == null)) {
                refresh();
            }
        });
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
        TruthEdges truth = eval.truth();
        reference.setText(truth == null ? "no reference circuit loaded"
                : (truth.edges().get(edge) ? "yes (" : "no (") + truth.source() + ")");
        org.eapexplorer.model.NodeScores nodes = nodeScores(circuits.ranking().scores());
        upstreamNode.setText(nodeScoreText(nodes, d.upstream()));
        downstreamNode.setText(nodeScoreText(nodes, d.downstream()));
        linearity.setText(patching.linearity(edge));
        OptionalDouble effect = patching.exactEffect(edge);
        exact.setText(effect.isPresent() ? EdgeDetails.formatScore(effect.getAsDouble()) + " (exact, λ = 1)"
                : "not computed (EAP vs patching, or λ-curves)");
    }

    private org.eapexplorer.model.NodeScores nodeScores(org.eapexplorer.model.EdgeScores scores) {
        if (nodeScoresOf != scores) {
            nodeScoresOf = scores;
            nodeScores = org.eapexplorer.model.NodeScores.ofEdges(scores);
        }
        return nodeScores;
    }

    /** A node's score (its out-edges' sum, the row's tooltip says); logits has no out-edges, so none. */
    static String nodeScoreText(org.eapexplorer.model.NodeScores nodes, String node) {
        return nodes.graph().upstreamIndex(node).isPresent() ? EdgeDetails.formatScore(nodes.score(node)) : "— (logits)";
    }
}
