package org.eapexplorer.ui.eval;

import java.io.File;
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

/** Normalised faithfulness of the top-k circuits against k, with a cursor at the current threshold. */
public final class FaithfulnessView extends BorderPane {

    private final ChartCanvas chart;

    public FaithfulnessView(AppState state, CircuitViewModel circuits, EvalViewModel model, Supplier<Window> owner,
                            ErrorReporter errors) {
        setId("faithfulnessView");
        chart = new ChartCanvas((c, w, h) -> FaithfulnessPainter.paint(c, model.faithfulness(), model.keptEdges(),
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
        Button export = new Button("Export…");
        export.setOnAction(e -> {
            File file = CurveView.chooser("Export faithfulness", "faithfulness.png").showSaveDialog(owner.get());
            if (file != null) {
                try {
                    model.exportFaithfulness(file.toPath(), 2);
                } catch (RuntimeException ex) {
                    errors.report("Export faithfulness failed", ex);
                }
            }
        });
        export.disableProperty().bind(model.faithfulnessProperty().isNull());
        Label hint = new Label("metric of the top-k circuit (the rest patched to corrupted), " + EvalViewModel.FAITHFULNESS_POINTS
                + " log-spaced k; one forward pass each");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(6, compute, cancel, export, hint);
        bar.getStyleClass().add("graph-toolbar");
        setTop(bar);
        setCenter(chart);
    }
}
