package org.eapexplorer.ui.graph;

import org.eapexplorer.circuit.Bounds;

/** Zoom and pan of the graph: screen = layout · scale + (tx, ty). */
public final class Viewport {

    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 12;

    private double scale = 1;
    private double tx;
    private double ty;

    public double scale() { return scale; }

    public double tx() { return tx; }

    public double ty() { return ty; }

    public double toLayoutX(double screenX) { return (screenX - tx) / scale; }

    public double toLayoutY(double screenY) { return (screenY - ty) / scale; }

    /** Scales the content to fit a width × height area with a small margin, centred. */
    public void fit(Bounds content, double width, double height) {
        if (width <= 0 || height <= 0) {
            return;
        }
        scale = clamp(0.97 * Math.min(width / content.width(), height / content.height()));
        tx = (width - content.width() * scale) / 2 - content.minX() * scale;
        ty = (height - content.height() * scale) / 2 - content.minY() * scale;
    }

    /**
     * As {@link #fit}, but never below {@code legibleScale} while the content's width still fits: a model of many layers
     * (Qwen2.5-0.5B's 24) is then shown at a readable size from its top (logits, where circuits end) and panned down,
     * instead of whole at a size where no label can be read. A graph that fits at that scale is fitted as before.
     */
    public void fitLegibly(Bounds content, double width, double height, double legibleScale) {
        fitLegibly(content, width, height, legibleScale, MAX_SCALE);
    }

    /** As above, enlarging a small graph no further than {@code maxScale}. */
    public void fitLegibly(Bounds content, double width, double height, double legibleScale, double maxScale) {
        if (width <= 0 || height <= 0) {
            return;
        }
        double whole = 0.97 * Math.min(width / content.width(), height / content.height());
        if (whole > maxScale) {
            scale = clamp(maxScale);
            tx = (width - content.width() * scale) / 2 - content.minX() * scale;
            ty = (height - content.height() * scale) / 2 - content.minY() * scale;
            return;
        }
        double widthFit = 0.97 * width / content.width();
        if (whole >= legibleScale || widthFit <= whole) {
            fit(content, width, height);
            return;
        }
        scale = clamp(Math.min(widthFit, legibleScale));
        tx = (width - content.width() * scale) / 2 - content.minX() * scale;
        ty = -content.minY() * scale;
    }

    /** Zooms by {@code factor} keeping the layout point under (screenX, screenY) in place. */
    public void zoomAt(double factor, double screenX, double screenY) {
        double lx = toLayoutX(screenX);
        double ly = toLayoutY(screenY);
        scale = clamp(scale * factor);
        tx = screenX - lx * scale;
        ty = screenY - ly * scale;
    }

    public void pan(double dx, double dy) {
        tx += dx;
        ty += dy;
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
