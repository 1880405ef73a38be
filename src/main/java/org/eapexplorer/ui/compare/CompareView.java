package org.eapexplorer.ui.compare;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.eapexplorer.stats.RankComparison;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.patching.ChartCanvas;

/**
 * Two score sets side by side: choose A and B, see every edge's rank in one against the other with Spearman's ρ,
 * and the edges whose rank moved most; clicking one (or a point) selects that edge in the window.
 */
public final class CompareView extends BorderPane {

    private final CompareViewModel model;
    private final ChartCanvas chart;
    private final ListView<Integer> movedList = new ListView<>();
    private int drawnPoints;

    public CompareView(AppState state, CircuitViewModel circuits, CompareViewModel model) {
        this.model = model;
        setId("compareView");
        chart = new ChartCanvas((c, w, h) -> drawnPoints = RankScatterPainter.paint(c, model.comparison(), nameOf(model.a()),
                nameOf(model.b()), model.problem(), circuits.circuit() == null ? null : circuits.circuit().edgeBits(),
                model.movedProperty().get(), state.selectedEdge(), w, h));
        chart.setId("rankScatter");
        model.comparisonProperty().addListener(o -> chart.invalidate());
        model.problemProperty().addListener(o -> chart.invalidate());
        circuits.circuitProperty().addListener(o -> chart.invalidate());
        state.selectedEdgeProperty().addListener(o -> {
            chart.invalidate();
            showSelectionInList(state.selectedEdge());
        });
        chart.setOnMouseClicked(e -> {
            int edge = RankScatterPainter.hit(model.comparison(), chart.getWidth(), chart.getHeight(), e.getX(), e.getY(), 6);
            if (edge >= 0) {
                model.select(edge);
            }
        });

        ComboBox<ScoreSet> a = setBox("compareA", model);
        a.valueProperty().bindBidirectional(model.aProperty());
        ComboBox<ScoreSet> b = setBox("compareB", model);
        b.valueProperty().bindBidirectional(model.bProperty());
        CheckBox colour = new CheckBox("Colour graph by B − A");
        colour.setId("colourByDifference");
        colour.setTooltip(new Tooltip("Colour and width the graph's edges by score_B − score_A instead of the score"));
        colour.selectedProperty().bindBidirectional(model.colourByDifferenceProperty());
        colour.disableProperty().bind(model.comparisonProperty().isNull());
        Label problem = new Label();
        problem.setId("compareProblem");
        problem.getStyleClass().add("muted");
        problem.textProperty().bind(model.problemProperty());
        // A row of its own under the choices, there only while there is something to say: in one line, uncut.
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setMinWidth(Region.USE_PREF_SIZE);
        problem.setStyle("-fx-padding: 2 8 2 8;");
        Label la = new Label("A:");
        Label lb = new Label("B:");
        HBox bar = new HBox(6, la, a, lb, b, colour);
        for (var n : bar.getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.getStyleClass().add("graph-toolbar");

        movedList.setId("movedEdges");
        movedList.setPrefWidth(300);
        movedList.setMinWidth(200);
        movedList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Integer edge, boolean empty) {
                super.updateItem(edge, empty);
                RankComparison c = model.comparison();
                setText(empty || edge == null || c == null ? null
                        : RankScatterPainter.movedLine(c, c.graph().edgeName(edge), edge));
            }
        });
        model.movedProperty().addListener((obs, old, edges) -> {
            movedList.setItems(FXCollections.observableArrayList(java.util.Arrays.stream(edges).boxed().toList()));
            showSelectionInList(state.selectedEdge());
        });
        movedList.setItems(FXCollections.observableArrayList(java.util.Arrays.stream(model.movedProperty().get()).boxed().toList()));
        movedList.getSelectionModel().selectedItemProperty().addListener((obs, old, edge) -> {
            if (edge != null && edge != state.selectedEdge()) {
                model.select(edge);
            }
        });
        Label movedTitle = new Label();
        movedTitle.textProperty().bind(Bindings.createStringBinding(() -> "Moved most (rank in A → in B), top "
                + model.movedProperty().get().length, model.movedProperty()));
        movedTitle.getStyleClass().add("muted");
        Label spearman = new Label();
        spearman.setId("compareSpearman");
        spearman.textProperty().bind(Bindings.createStringBinding(() -> spearmanText(model.comparison()),
                model.comparisonProperty()));
        spearman.setStyle("-fx-font-weight: bold;");
        VBox side = new VBox(4, spearman, movedTitle, movedList);
        VBox.setVgrow(movedList, Priority.ALWAYS);
        side.setStyle("-fx-padding: 4 6 4 6;");

        setTop(new VBox(bar, problem));
        setCenter(chart);
        setRight(side);
    }

    /** The window's selected edge highlighted in the list when it is one of the edges that moved most. */
    private void showSelectionInList(int edge) {
        int index = movedList.getItems().indexOf(edge);
        if (index < 0) {
            movedList.getSelectionModel().clearSelection();
        } else if (movedList.getSelectionModel().getSelectedIndex() != index) {
            movedList.getSelectionModel().select(index);
        }
    }

    private static ComboBox<ScoreSet> setBox(String id, CompareViewModel model) {
        ComboBox<ScoreSet> box = new ComboBox<>(model.sets().sets());
        box.setId(id);
        box.setPrefWidth(325);
        box.setMaxWidth(325);
        box.setTooltip(new Tooltip("Every EAP run and score file of this window is kept as a score set"));
        return box;
    }

    /** "Spearman ρ = 0.873 over 110 edges" (ranks of |score|), empty without a comparison. */
    static String spearmanText(RankComparison c) {
        return c == null ? "" : String.format(java.util.Locale.ROOT, "Spearman ρ = %.3f over %,d edges", c.spearman(), c.compared());
    }

    private static String nameOf(ScoreSet s) {
        return s == null ? "" : s.name();
    }

    /** The moved-edges list, for tests. */
    public ListView<Integer> movedList() {
        return movedList;
    }

    /** Points drawn by the last paint (after merging those at one pixel), for tests. */
    public int drawnPoints() {
        return drawnPoints;
    }

    public CompareViewModel model() {
        return model;
    }
}
