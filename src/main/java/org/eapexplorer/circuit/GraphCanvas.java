package org.eapexplorer.circuit;

/**
 * The few drawing operations the circuit painter needs, in layout units (see {@link GraphLayout}); each backend
 * maps them onto its toolkit and applies its own scale/pan. Implemented by {@link SvgCanvas}, {@link PngCanvas},
 * and by the window on a JavaFX GraphicsContext, so the figure on screen and in a file come from one painter.
 *
 * <p>Lines have round caps. Widths are in layout units, so they scale with zoom like everything else.
 */
public interface GraphCanvas {

    /** Horizontal placement of text relative to x; vertically, text is always centred on y. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, Rgba color, double width);

    /** Cubic Bézier from (x1, y1) to (x2, y2) with control points (c1x, c1y) and (c2x, c2y). */
    void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
               Rgba color, double width);

    void fillRect(double x, double y, double w, double h, Rgba color);

    void strokeRect(double x, double y, double w, double h, Rgba color, double width);

    void fillCircle(double cx, double cy, double r, Rgba color);

    void text(double x, double y, String text, double size, Anchor anchor, Rgba color);

    /**
     * How wide {@link #text} would draw {@code text} at {@code size}, in layout units, so painters can keep labels
     * and legends apart; the default is {@link TextWidths} (DejaVu Sans), canvases with real font metrics may say better.
     */
    default double textWidth(String text, double size) {
        return TextWidths.of(text, size);
    }

    /**
     * Whether this canvas keeps structure ({@link #beginGroup}); the painter builds tooltip strings only when it
     * does, since naming 32,491 edges would cost more than drawing them on a raster canvas.
     */
    default boolean wantsGroups() {
        return false;
    }

    /** Starts a logical item, e.g. kind {@code edge} with title {@code a0.h1->m2 (score 0.0123)}; SVG makes it a {@code <g class>}. */
    default void beginGroup(String kind, String title) {
    }

    default void endGroup() {
    }
}
