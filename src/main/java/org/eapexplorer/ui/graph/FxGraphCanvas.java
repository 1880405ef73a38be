package org.eapexplorer.ui.graph;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.Rgba;

/**
 * The circuit package's drawing interface on a JavaFX canvas. The caller sets the zoom/pan transform on the
 * GraphicsContext; this class converts colours and fonts (cached: the painter uses a handful of colours for
 * thousands of edges) and batches strokes: consecutive lines and curves of one colour and (to a quarter pixel)
 * one width go into one path, stroked once. The painter draws edges in rank order, so runs are long, and one
 * path of 2,000 curves rasterises far faster than 2,000 separate strokes (large circuits go through
 * {@link EdgeLayer} instead). Call {@link #finish()} at the end.
 */
public final class FxGraphCanvas implements GraphCanvas {

    /** Stroke widths are rounded to this many device pixels, so that runs of similar edges share a path. */
    static final double WIDTH_STEP_PX = 0.25;

    private final GraphicsContext gc;
    private final double pixelsPerUnit;
    private final Map<Rgba, Color> colors = new HashMap<>();
    private final Map<Double, Font> fonts = new HashMap<>();
    private Rgba pathColor;
    private double pathWidth = -1;
    private boolean pathOpen;

    /** @param pixelsPerUnit the zoom of the transform set on {@code gc}, for rounding widths in device pixels */
    public FxGraphCanvas(GraphicsContext gc, double pixelsPerUnit) {
        this.gc = gc;
        this.pixelsPerUnit = pixelsPerUnit;
        gc.setLineCap(StrokeLineCap.ROUND);
        gc.setTextBaseline(VPos.CENTER);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        extendPath(color, width);
        gc.moveTo(x1, y1);
        gc.lineTo(x2, y2);
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
                      Rgba color, double width) {
        extendPath(color, width);
        gc.moveTo(x1, y1);
        gc.bezierCurveTo(c1x, c1y, c2x, c2y, x2, y2);
    }

    /** Strokes what is batched; call once the painter is done. */
    public void finish() {
        if (pathOpen) {
            gc.stroke();
            pathOpen = false;
        }
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        finish();
        gc.setFill(fx(color));
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        finish();
        gc.setStroke(fx(color));
        gc.setLineWidth(width);
        gc.strokeRect(x, y, w, h);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        finish();
        gc.setFill(fx(color));
        gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        finish();
        gc.setFill(fx(color));
        gc.setFont(fonts.computeIfAbsent(size, s -> Font.font("System", s)));
        gc.setTextAlign(switch (anchor) {
            case START -> TextAlignment.LEFT;
            case MIDDLE -> TextAlignment.CENTER;
            case END -> TextAlignment.RIGHT;
        });
        gc.fillText(text, x, y);
    }

    private void extendPath(Rgba color, double width) {
        double steps = Math.max(1, Math.round(width * pixelsPerUnit / WIDTH_STEP_PX));
        double rounded = steps * WIDTH_STEP_PX / pixelsPerUnit;
        if (pathOpen && (rounded != pathWidth || !color.equals(pathColor))) {
            finish();
        }
        if (!pathOpen) {
            gc.setStroke(fx(color));
            gc.setLineWidth(rounded);
            gc.beginPath();
            pathColor = color;
            pathWidth = rounded;
            pathOpen = true;
        }
    }

    private Color fx(Rgba c) {
        return colors.computeIfAbsent(c, k -> Color.rgb(k.red(), k.green(), k.blue(), k.alpha()));
    }
}
