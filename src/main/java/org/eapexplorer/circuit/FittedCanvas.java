package org.eapexplorer.circuit;


/**
 * A canvas that draws into another scaled by {@code s} and moved by (dx, dy): fits a drawing laid out at its own
 * size, such as the circuit graph, into a figure's panel. Widths and text sizes scale too, so the drawing is the
 * same picture, only smaller or larger. At scale 1 it only moves the origin: one panel of a figure with several
 * (small multiples, side-by-side plots).
 */
final class FittedCanvas implements GraphCanvas {

    private final GraphCanvas target;
    private final double s;
    private final double dx;
    private final double dy;

    FittedCanvas(GraphCanvas target, double scale, double dx, double dy) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        this.target = target;
        this.s = scale;
        this.dx = dx;
        this.dy = dy;
    }

    private double x(double x) {
        return dx + x * s;
    }

    private double y(double y) {
        return dy + y * s;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        target.line(x(x1), y(y1), x(x2), y(y2), color, width * s);
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2, Rgba color,
                      double width) {
        target.cubic(x(x1), y(y1), x(c1x), y(c1y), x(c2x), y(c2y), x(x2), y(y2), color, width * s);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        target.fillRect(x(x), y(y), w * s, h * s, color);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        target.strokeRect(x(x), y(y), w * s, h * s, color, width * s);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        target.fillCircle(x(cx), y(cy), r * s, color);
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        target.text(x(x), y(y), text, size * s, anchor, color);
    }

    @Override
    public double textWidth(String text, double size) {
        return target.textWidth(text, size * s) / s;
    }

    @Override
    public boolean wantsGroups() {
        return target.wantsGroups();
    }

    @Override
    public void beginGroup(String kind, String title) {
        target.beginGroup(kind, title);
    }

    @Override
    public void endGroup() {
        target.endGroup();
    }
}
