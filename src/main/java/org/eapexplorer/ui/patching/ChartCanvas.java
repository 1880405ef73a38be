package org.eapexplorer.ui.patching;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.ui.graph.FxGraphCanvas;

/** A canvas that fills its pane and repaints, once per layout pass, when invalidated or resized. */
public final class ChartCanvas extends Pane {

    public interface Painter {
        void paint(GraphCanvas canvas, double width, double height);
    }

    private final Canvas canvas = new Canvas();
    private final Painter painter;
    private boolean dirty = true;

    public ChartCanvas(Painter painter) {
        this.painter = painter;
        setMinSize(0, 0);
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> invalidate());
        canvas.heightProperty().addListener(o -> invalidate());
    }

    public Canvas canvas() {
        return canvas;
    }

    /** Paints the chart as it is now, at its size on screen, on another canvas (a test's, to read its texts). */
    public void paintOn(GraphCanvas other) {
        painter.paint(other, getWidth(), getHeight());
    }

    public void invalidate() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (dirty) {
            dirty = false;
            var gc = canvas.getGraphicsContext2D();
            gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            FxGraphCanvas fx = new FxGraphCanvas(gc, 1);
            painter.paint(fx, canvas.getWidth(), canvas.getHeight());
            fx.finish();
        }
    }
}
