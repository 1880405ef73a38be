package org.eapexplorer.circuit;

/**
 * A canvas that draws nothing: measuring a layout without painting it, or the base of a canvas that keeps only some
 * of what is drawn (the window's edge strokes, a test's record of the text), which overrides just those calls.
 */
public class BlankCanvas implements GraphCanvas {

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2, Rgba color,
                      double width) {
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
    }
}
