package org.eapexplorer.ui.eval;

import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.patching.ChartCanvas;
import org.eapexplorer.ui.patching.CurveView;

/** The hybrid grid, ACDC on the top edges of the scores on screen (EAP's, EAP-IG's …): sizes and τ to try, the score ACDC minimises, Run, and the figure. */
public final class HybridView extends BorderPane {

    private final TextField sizes = new TextField();
    private final TextField taus = new TextField(AcdcScoreChoice.format(HybridViewModel.DEFAULT_TAUS));

    public HybridView(AppState state, HybridViewModel model, Supplier<Window> owner, ErrorReporter errors) {
        setId("hybridView");
        ChartCanvas chart = new ChartCanvas((c, w, h) -> HybridPainter.paint(c, model.figure(),
                org.eapexplorer.ui.AnalysisResult.methodLabelOf(state.result()), model.problem(), w, h));
        model.figureProperty().addListener(o -> chart.invalidate());
        // "Running" while a job runs, "press Run hybrid" after: redrawn as jobs start and end, not on each progress step.
        state.jobProperty().addListener((obs, old, job) -> {
            if ((old == null) != (job == null)) {
                chart.invalidate();
            }
        });
        Label topK = new Label();
        topK.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> org.eapexplorer.ui.AnalysisResult.methodLabelOf(state.result()) + " top-k:", state.resultProperty()));
        // A change listener, so that it runs after the circuit and evaluation models (registered earlier) have taken the result.
        state.resultProperty().addListener((obs, old, r) -> {
            sizes.setText(HybridViewModel.formatSizes(model.defaultSizes()));
            chart.invalidate();
        });
        sizes.setText(HybridViewModel.formatSizes(model.defaultSizes()));
        sizes.setId("hybridSizesField");
        ToolbarRow.fitToText(sizes, 10);
        taus.setId("hybridTausField");
        ToolbarRow.fitToText(taus, 12);
        ComboBox<AcdcScoreChoice> score = new ComboBox<>();
        score.setId("hybridScoreBox");
        score.getItems().setAll(AcdcScoreChoice.KL, AcdcScoreChoice.TASK);
        score.setValue(AcdcScoreChoice.KL);
        // The fields show what the grid on screen was run with, also when a session brought it back.
        model.figureProperty().addListener((obs, old, figure) -> {
            if (figure != null) {
                sizes.setText(HybridViewModel.formatSizes(figure.grid().eapEdges()));
                taus.setText(AcdcScoreChoice.format(figure.grid().taus()));
                score.setValue(figure.score() == org.eapexplorer.eval.AcdcScore.KL ? AcdcScoreChoice.KL : AcdcScoreChoice.TASK);
            }
        });
        Button run = new Button("Run hybrid");
        run.setId("runHybridButton");
        run.disableProperty().bind(state.resultProperty().isNull().or(state.jobProperty().isNotNull()));
        run.setOnAction(e -> {
            try {
                model.compute(HybridViewModel.parseSizes(sizes.getText()), org.eapexplorer.eval.AcdcSweep.parseTaus(taus.getText()),
                        score.getValue().scores().get(0));
            } catch (IllegalArgumentException ex) {
                errors.report("Hybrid: bad sizes or thresholds", ex);
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(state.jobProperty().isNull());
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export hybrid grid", "hybrid", state, owner, errors,
                model::export);
        export.disableProperty().bind(model.figureProperty().isNull());
        CircuitChooser cells = new CircuitChooser("Cell circuit:", "hybridCell", model::show);
        model.figureProperty().addListener((obs, old, figure) -> cells.setCircuits(model.cellCircuits()));
        setTop(new javafx.scene.layout.VBox(new ToolbarRow("ACDC on the top-k edges of the scores on screen, one search per cell; TPR/FPR over residual edges",
                topK, sizes, new Label("τ:"), taus, score, run, cancel, export), cells.row()));
        setCenter(chart);
    }
}
