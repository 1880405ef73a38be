package org.eapexplorer.ui.patching;

import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/**
 * The λ-interpolation curves of the last few selected edges, with EAP's tangent and the gap at λ = 1. A selected
 * edge's curve appears with no button press; its job's progress (and its own Cancel) lives here, not in the Run
 * panel, because the user did not start it. Pin keeps the selected edge's curve however many edges follow.
 */
public final class CurveView extends BorderPane {

    /** What the on-screen legend appends to a pinned curve's name (exports keep plain names). */
    static final String PINNED_MARK = " (pinned)";

    private final ChartCanvas chart;
    private final ToggleButton pin = new ToggleButton("Pin");
    private final Label message = new Label();
    private final AppState state;
    private final PatchingViewModel model;

    public CurveView(AppState state, PatchingViewModel model, Supplier<Window> owner, ErrorReporter errors) {
        this.state = state;
        this.model = model;
        setId("curveView");
        chart = new ChartCanvas((c, w, h) -> CurvePainter.paint(c, marked(model.curves()), model.curveStyles(), w, h));
        model.curves().addListener((ListChangeListener<LambdaCurve>) ch -> {
            chart.invalidate();
            updatePin();
        });
        state.selectedEdgeProperty().addListener(o -> updatePin());

        pin.setId("pinCurveButton");
        pin.setTooltip(new Tooltip("Keep the selected edge's curve however many edges are selected after it"));
        pin.setOnAction(e -> model.pin(state.selectedEdge(), pin.isSelected()));
        Button clear = new Button("Clear");
        clear.setId("clearCurvesButton");
        clear.setTooltip(new Tooltip("Remove the unpinned curves; pinned ones stay until unpinned"));
        clear.setOnAction(e -> model.clearCurves());
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export λ-curves", "lambda-curves", state, owner, errors,
                model::exportCurves);
        export.disableProperty().bind(Bindings.isEmpty(model.curves()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelCurveButton");
        cancel.setOnAction(e -> model.cancelCurve());
        cancel.visibleProperty().bind(model.curveRunningProperty());
        cancel.managedProperty().bind(model.curveRunningProperty());
        message.setId("curveMessage");
        message.getStyleClass().add("muted");
        message.setMinWidth(0);
        String hint = "select an edge: its exact λ-curve follows; the last " + PatchingViewModel.MAX_CURVES
                + " stay, pinned ones always";
        message.textProperty().bind(Bindings.createStringBinding(
                () -> model.curveMessageProperty().get().isEmpty() ? hint : model.curveMessageProperty().get(),
                model.curveMessageProperty()));
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(message.textProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {pin, clear, export, cancel}) {
            c.setMinWidth(Region.USE_PREF_SIZE);   // the message gives way (ellipsis), never the buttons
        }
        HBox bar = new HBox(6, pin, clear, export, message, cancel);
        bar.getStyleClass().add("graph-toolbar");
        setTop(bar);
        setCenter(chart);
        updatePin();
    }

    /** The toggle shows the selected edge's pin, and is off where that edge has no curve yet. */
    private void updatePin() {
        LambdaCurve c = model.curveOf(state.selectedEdge());
        pin.setDisable(c == null);
        pin.setSelected(c != null && c.pinned());
    }

    /** The curves as the legend names them on screen: pinned ones marked. */
    static List<LambdaCurve> marked(List<LambdaCurve> curves) {
        return curves.stream().map(c -> c.pinned() ? new LambdaCurve(c.edge(), c.name() + PINNED_MARK, c.eapScore(),
                c.lambdas(), c.effects(), c.estimate(), true) : c).toList();
    }

    public Label message() {
        return message;
    }
}
