package org.eapexplorer.ui.eval;

import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.patching.ChartCanvas;
import org.eapexplorer.ui.patching.CurveView;

/**
 * Normalised faithfulness of the top-k circuits against k, with a cursor at the current threshold; beside it MIB's
 * faithfulness at its edge fractions with CPR (signed ranking) and CMD (absolute ranking).
 */
public final class FaithfulnessView extends BorderPane {

    private final ChartCanvas chart;
    private final ChartCanvas mibChart;

    public FaithfulnessView(AppState state, CircuitViewModel circuits, EvalViewModel model, Supplier<Window> owner,
                            ErrorReporter errors) {
        setId("faithfulnessView");
        chart = new ChartCanvas((c, w, h) -> FaithfulnessPainter.paint(c, model.faithfulness(),
                org.eapexplorer.ui.AnalysisResult.methodLabelOf(state.result()), model.keptEdges(),
                circuits.shownInsteadLabel(), w, h));
        model.faithfulnessProperty().addListener(o -> chart.invalidate());
        circuits.keptEdgesProperty().addListener(o -> chart.invalidate());
        circuits.circuitProperty().addListener(o -> chart.invalidate());

        Button compute = new Button("Compute");
        compute.setId("computeFaithfulnessButton");
        compute.setOnAction(e -> model.computeFaithfulness());
        compute.disableProperty().bind(state.resultProperty().isNull().or(state.jobProperty().isNotNull()));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(state.jobProperty().isNull());
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export faithfulness", "faithfulness", state, owner, errors,
                model::exportFaithfulness);
        export.disableProperty().bind(model.faithfulnessProperty().isNull());
        Label hint = new Label("metric of the top-k circuit (the rest patched to corrupted), " + EvalViewModel.FAITHFULNESS_POINTS
                + " log-spaced k; one forward pass each");
        hint.getStyleClass().add("muted");

        MibViewModel mib = model.mib();
        mibChart = new ChartCanvas((c, w, h) -> MibPainter.paint(c, mib.metrics(), w, h));
        mibChart.setId("mibChart");
        mib.metricsProperty().addListener(o -> mibChart.invalidate());
        Button computeMib = new Button("MIB CPR / CMD");
        computeMib.setId("computeMibButton");
        computeMib.setTooltip(new javafx.scene.control.Tooltip("MIB's circuit metrics (Mueller et al. 2025): faithfulness at "
                + org.eapexplorer.eval.MibCircuitMetrics.FRACTIONS.length + " fractions of all edges, 0.1 % to 100 %; CPR from the "
                + "edges ranked by signed score (MIB's sign: most negative here first), CMD from those ranked by |score|"));
        computeMib.setOnAction(e -> mib.compute());
        computeMib.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        computeMib.disableProperty().bind(compute.disableProperty());
        Label mibValues = new Label();
        mibValues.setId("mibSummary");
        // Wraps beside the button in a narrow pane instead of ending in "…".
        mibValues.setWrapText(true);
        mibValues.setMinWidth(0);
        HBox.setHgrow(mibValues, javafx.scene.layout.Priority.ALWAYS);
        mibValues.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> mib.metrics() == null ? "" : mib.metrics().describe(), mib.metricsProperty()));
        HBox bar = new HBox(6, compute, cancel, export, hint);
        bar.getStyleClass().add("graph-toolbar");
        setTop(bar);
        HBox mibBar = new HBox(6, computeMib, mibValues);
        mibBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        mibBar.getStyleClass().add("graph-toolbar");
        BorderPane mibPane = new BorderPane(mibChart);
        mibPane.setTop(mibBar);
        javafx.scene.control.SplitPane charts = new javafx.scene.control.SplitPane(chart, mibPane);
        charts.setDividerPositions(0.5);
        setCenter(charts);
    }
}
