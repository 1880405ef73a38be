package org.eapexplorer.ui.patching;

import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import javafx.util.converter.IntegerStringConverter;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;

/**
 * EAP score against exact patching (λ = 1) for the top N edges; clicking a point selects its edge, dragging brushes
 * points (all brushed edges are highlighted in the graph and can be exported as a circuit).
 *
 * <p>Two canvases, so that all 32,491 points of GPT-2 small stay fluid: the points on the lower one, drawn again only
 * when the scatter, the circuit or the size changes; the brush outlines and the selected edge's ring on the upper one,
 * all that a brush or a click repaints. Hover and brush look points up in a {@link ScatterIndex} grid.
 */
public final class ScatterView extends BorderPane {

    /** Where the points of one scatter lie at one chart size: the frame and the grid over it. */
    private record Placement(PatchScatter scatter, double width, double height, PlotFrame frame, ScatterIndex index) {
    }

    private final PatchingViewModel model;
    private final ChartCanvas base;
    private final ChartCanvas chart;
    private final javafx.scene.shape.Rectangle brushRect = new javafx.scene.shape.Rectangle();
    /** The hovered point's edge and values, next to the pointer. */
    private final Label hoverLabel = new Label();
    private Placement placement;
    private double pressX;
    private double pressY;

    public ScatterView(AppState state, CircuitViewModel circuits, PatchingViewModel model, Supplier<Window> owner,
                       ErrorReporter errors) {
        this.model = model;
        setId("scatterView");
        base = new ChartCanvas((c, w, h) -> ScatterPainter.paintBase(new org.eapexplorer.circuit.LabelLayout(c), model.scatter(),
                AnalysisResult.methodLabelOf(state.result()), model.circuitEdges(), w, h));
        chart = new ChartCanvas((c, w, h) -> {
            Placement p = placement();
            if (p != null) {
                ScatterPainter.paintOverlay(c, p.scatter(), p.frame(), state.selectedEdge(), model.brushedProperty().get());
            }
        });
        chart.setId("scatterOverlay");
        model.brushedProperty().addListener(o -> chart.invalidate());
        model.scatterProperty().addListener(o -> {
            base.invalidate();
            chart.invalidate();
        });
        circuits.circuitProperty().addListener(o -> base.invalidate());
        state.selectedEdgeProperty().addListener(o -> chart.invalidate());
        brushRect.setManaged(false);
        brushRect.setVisible(false);
        brushRect.getStyleClass().add("brush-rectangle");
        brushRect.setFill(javafx.scene.paint.Color.rgb(77, 109, 154, 0.15));
        brushRect.setStroke(javafx.scene.paint.Color.rgb(77, 109, 154));
        chart.getChildren().add(brushRect);
        hoverLabel.setId("scatterHoverLabel");
        hoverLabel.getStyleClass().add("chart-tooltip");
        hoverLabel.setManaged(false);
        hoverLabel.setVisible(false);
        hoverLabel.setMouseTransparent(true);
        chart.getChildren().add(hoverLabel);
        chart.setOnMouseMoved(e -> hoverAt(e.getX(), e.getY()));
        chart.setOnMouseExited(e -> hoverLabel.setVisible(false));
        model.scatterProperty().addListener(o -> hoverLabel.setVisible(false));
        chart.setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
        });
        chart.setOnMouseDragged(e -> {
            brushRect.setVisible(true);
            brushRect.setX(Math.min(pressX, e.getX()));
            brushRect.setY(Math.min(pressY, e.getY()));
            brushRect.setWidth(Math.abs(e.getX() - pressX));
            brushRect.setHeight(Math.abs(e.getY() - pressY));
        });
        chart.setOnMouseReleased(e -> {
            boolean dragged = Math.abs(e.getX() - pressX) > 4 || Math.abs(e.getY() - pressY) > 4;
            brushRect.setVisible(false);
            if (dragged) {
                brush(pressX, pressY, e.getX(), e.getY());
            } else {
                clickAt(e.getX(), e.getY());
            }
        });

        TextField n = new TextField();
        n.setId("topNField");
        n.setPrefColumnCount(6);
        TextFormatter<Integer> formatter = new TextFormatter<>(new IntegerStringConverter(), PatchingViewModel.DEFAULT_TOP_N,
                change -> change.getControlNewText().matches("\\d{0,6}") ? change : null);
        n.setTextFormatter(formatter);
        formatter.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                model.topNProperty().set(v);
            }
        });
        Button patch = new Button("Patch top N");
        patch.setId("patchTopNButton");
        patch.setTooltip(new Tooltip("Exact patching of the N edges with the largest |score| (of the method on screen)"));
        patch.setOnAction(e -> model.patchTopN());
        patch.disableProperty().bind(state.resultProperty().isNull().or(state.jobProperty().isNotNull()));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(state.jobProperty().isNull());
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export scatter", "eap-vs-patching", state, owner, errors,
                model::exportScatter);
        export.disableProperty().bind(model.scatterProperty().isNull());
        Button exportBrushed = new Button("Export brushed edges as circuit…");
        exportBrushed.setId("exportBrushedButton");
        exportBrushed.setTooltip(new Tooltip("The brushed edges as a circuit JSON file, as Export writes the graph's circuit"));
        exportBrushed.setOnAction(e -> chooseBrushedFile(owner.get(), errors));
        exportBrushed.disableProperty().bind(model.brushedProperty().isNull());
        Label hint = new Label("hover names a point, click selects, drag brushes");
        hint.getStyleClass().add("muted");
        // The buttons keep their words; the hint gives way (with "…") when the tab is narrow.
        for (Button b : new Button[] {patch, cancel, export, exportBrushed}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        hint.setMinWidth(0);
        HBox bar = new HBox(6, new Label("N"), n, patch, cancel, export, exportBrushed, hint);
        bar.getStyleClass().add("graph-toolbar");
        setTop(bar);
        setCenter(new javafx.scene.layout.StackPane(base, chart));
    }

    private void chooseBrushedFile(Window window, ErrorReporter errors) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export brushed edges as circuit");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Circuit JSON", "*.json"));
        chooser.setInitialFileName("brushed-circuit.json");
        java.io.File file = chooser.showSaveDialog(window);
        if (file != null) {
            try {
                model.exportBrushed(file.toPath());
            } catch (RuntimeException ex) {
                errors.report("Export brushed edges", ex);
            }
        }
    }

    /** The points' frame and grid at the chart's size, made again only when the scatter or the size changed; null when no points. */
    private Placement placement() {
        PatchScatter s = model.scatter();
        double w = chart.getWidth();
        double h = chart.getHeight();
        if (s == null || s.size() == 0) {
            return null;
        }
        if (placement == null || placement.scatter() != s || placement.width() != w || placement.height() != h) {
            PlotFrame f = ScatterPainter.frame(s, w, h);
            placement = new Placement(s, w, h, f, ScatterIndex.of(s, f, w, h));
        }
        return placement;
    }

    /** What moving the pointer to (x, y) does: names the point under it, or hides the name. */
    void hoverAt(double x, double y) {
        showHover(pointAt(x, y), x, y);
    }

    /** What a click at (x, y) does: selects the point's edge, if a point is there. */
    void clickAt(double x, double y) {
        int i = pointAt(x, y);
        if (i >= 0) {
            model.selectPoint(i);
        }
    }

    /** What a drag from (x0, y0) to (x1, y1) does: brushes the points inside the rectangle. */
    public void brush(double x0, double y0, double x1, double y1) {
        Placement p = placement();
        model.brush(p == null ? new int[0] : p.index().inside(x0, y0, x1, y1));
    }

    /** Names the edge of point {@code i} (or hides the label for -1) beside (x, y), kept inside the chart. */
    private void showHover(int i, double x, double y) {
        PatchScatter s = model.scatter();
        if (i < 0 || s == null || i >= s.size()) {
            hoverLabel.setVisible(false);
            return;
        }
        hoverLabel.setText(model.pointDescription(i));
        hoverLabel.autosize();
        double w = hoverLabel.getWidth();
        double h = hoverLabel.getHeight();
        double lx = x + 12 + w > chart.getWidth() ? x - 12 - w : x + 12;
        double ly = y + 12 + h > chart.getHeight() ? y - 12 - h : y + 12;
        hoverLabel.relocate(Math.max(0, lx), Math.max(0, ly));
        hoverLabel.setVisible(true);
    }

    /** The scatter point under (x, y) in the chart's coordinates, or -1. */
    public int pointAt(double x, double y) {
        Placement p = placement();
        return p == null ? -1 : p.index().nearest(x, y, 6);
    }

    /** Where point {@code index} is drawn, in the chart's coordinates (for tests and keyboard access). */
    public javafx.geometry.Point2D pointLocation(int index) {
        PatchScatter s = model.scatter();
        PlotFrame f = ScatterPainter.frame(s, chart.getWidth(), chart.getHeight());
        return new javafx.geometry.Point2D(f.x(s.eap()[index]), f.y(s.patched()[index]));
    }

    /** The chart node, e.g. to turn {@link #pointLocation} into screen coordinates. */
    public javafx.scene.Node chart() {
        return chart;
    }
}
