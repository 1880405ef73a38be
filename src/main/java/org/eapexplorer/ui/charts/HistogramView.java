package org.eapexplorer.ui.charts;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.graph.FxGraphCanvas;

/** The score histogram (EAP paper, Figure 7) under the graph; its ±T lines follow the threshold control. */
public final class HistogramView extends Pane {

    private final CircuitViewModel circuits;
    private final Canvas canvas = new Canvas();
    private Histogram histogram;
    private boolean dirty = true;
    private double drawnThreshold = Double.NaN;

    public HistogramView(AppState state, CircuitViewModel circuits) {
        this.circuits = circuits;
        setId("histogramView");
        getStyleClass().add("histogram-view");
        setMinSize(0, 0);
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> invalidate());
        canvas.heightProperty().addListener(o -> invalidate());
        state.resultProperty().addListener((obs, old, r) -> {
            histogram = histogramOf(r);
            invalidate();
        });
        circuits.circuitProperty().addListener(o -> invalidate());
        histogram = histogramOf(state.result());
    }

    /** All edges; or, when the model ships a known circuit, its edges and the rest as two series (Figure 7). */
    public static Histogram histogramOf(AnalysisResult r) {
        if (r == null) {
            return null;
        }
        if (r.hasReference()) {
            return Histogram.split(r.scores().scores(), r.referenceBits(), "in reference circuit", "not in it",
                    Histogram.DEFAULT_BINS);
        }
        return Histogram.of(r.scores().scores(), Histogram.DEFAULT_BINS);
    }

    /** The histogram drawn, or null before the first result. */
    public Histogram histogram() {
        return histogram;
    }

    /** The ±T value of the last paint (NaN when none was drawn, also while the graph shows a circuit found by a search). */
    public double drawnThreshold() {
        return drawnThreshold;
    }

    /** Shows two series, e.g. edges in and not in a reference circuit; null returns to one series of all edges. */
    public void setHistogram(Histogram h) {
        histogram = h;
        invalidate();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (dirty) {
            paint();
        }
    }

    private void invalidate() {
        dirty = true;
        requestLayout();
    }

    private void paint() {
        dirty = false;
        var gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (histogram == null) {
            drawnThreshold = Double.NaN;
            return;
        }
        drawnThreshold = circuits.absThreshold();
        FxGraphCanvas fxCanvas = new FxGraphCanvas(gc, 1);
        HistogramPainter.paint(fxCanvas, histogram, drawnThreshold, canvas.getWidth(), canvas.getHeight());
        String instead = circuits.shownInsteadLabel();
        if (instead != null) {
            // The graph shows a circuit no |score| threshold gives: say so rather than draw a line that is not its cut.
            fxCanvas.text(canvas.getWidth() - 34, 38, "The graph shows " + instead + ", found by its search, not by |score|: "
                    + "no threshold line", 11, org.eapexplorer.circuit.GraphCanvas.Anchor.END,
                    org.eapexplorer.ui.patching.PlotFrame.MUTED);
        }
        fxCanvas.finish();
    }
}
