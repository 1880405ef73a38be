package org.eapexplorer.ui.patching;

import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/** The λ-interpolation curves of the last few selected edges, with EAP's tangent and the gap at λ = 1. */
public final class CurveView extends BorderPane {

    private final ChartCanvas chart;

    public CurveView(AppState state, PatchingViewModel model, Supplier<Window> owner, ErrorReporter errors) {
        setId("curveView");
        chart = new ChartCanvas((c, w, h) -> CurvePainter.paint(c, model.curves(), w, h));
        model.curves().addListener((ListChangeListener<LambdaCurve>) ch -> chart.invalidate());

        Button compute = new Button("Compute curve");
        compute.setId("computeCurveButton");
        compute.setOnAction(e -> model.computeCurve());
        compute.disableProperty().bind(state.selectedEdgeProperty().lessThan(0).or(state.jobProperty().isNotNull()));
        Button clear = new Button("Clear");
        clear.setId("clearCurvesButton");
        clear.setOnAction(e -> model.clearCurves());
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export λ-curves", "lambda-curves", state, owner, errors,
                model::exportCurves);
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.curves()));
        Label hint = new Label("exact effect of patching the selected edge by λ·(corrupted − clean); up to "
                + PatchingViewModel.MAX_CURVES + " curves");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(6, compute, clear, export, hint);
        bar.getStyleClass().add("graph-toolbar");
        setTop(bar);
        setCenter(chart);
    }
}
