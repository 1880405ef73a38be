package org.eapexplorer.circuit;

/**
 * A canvas whose origin is moved to (dx, dy) of another: lets a painter that draws from (0, 0) fill one panel of
 * a figure with several (small multiples, side-by-side plots) on any backend.
 */
public final class ShiftedCanvas implements GraphCanvas {

    private final GraphCanvas target;
    private final double dx;
    private final double dy;

    public ShiftedCanvas(GraphCanvas target, double dx, double dy) {
        this.target = target;
        this.dx = dx;
        this.dy = dy;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        target.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, color, width);
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2, Rgba color,
                      double width) {
        target.cubic(x1 + dx, y1 + dy, c1x + dx, c1y + dy, c2x + dx, c2y + dy, x2 + dx, y2 + dy, color, width);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        target.fillRect(x + dx, y + dy, w, h, color);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        target.strokeRect(x + dx, y + dy, w, h, color, width);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        target.fillCircle(cx + dx, cy + dy, r, color);
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        target.text(x + dx, y + dy, text, size, anchor, color);
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
