package org.eapexplorer.ui.patching;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.stats.LeastSquares;
import org.eapexplorer.ui.charts.ChartColours;

/**
 * The score of the method that made the scores on screen (x; "EAP-IG (inputs) score" for EAP-IG's) against the exact patching effect at λ = 1 (y), with the y = x line and the least-squares line (its
 * equation and R² in the legend, as Figure 4a of the paper reports them), points dark grey when the edge is in the
 * current circuit and light grey when not (membership is never a sign colour), the selected edge ringed, and
 * Pearson/Spearman in the legend.
 *
 * <p>Drawn in two layers so that GPT-2 small's 32,491 points stay fluid in the window: the {@linkplain #paintBase base}
 * (axes, legend, lines, points; one small square per point, a square already drawn at the same pixel in the same colour
 * not drawn again) changes only with the scatter, the circuit or the size; the {@linkplain #paintOverlay overlay}
 * (brushed outlines, the selected edge's ring) is all a brush or a click repaints. A figure draws both.
 */
public final class ScatterPainter {

    static final Rgba IN = ChartColours.MEMBER.withAlpha(0.9);
    static final Rgba OUT = ChartColours.NON_MEMBER.withAlpha(0.8);
    static final Rgba DIAGONAL = Rgba.hex("#8C8C8C");
    static final Rgba FIT = ChartColours.SERIES.get(1);
    static final Rgba SELECTED = Rgba.hex("#000000");

    private ScatterPainter() {
    }

    /**
     * The frame a scatter is drawn in, under its legend, for mapping clicks back to points: the legend measured with
     * counts as wide as they can be, so that the frame does not depend on the circuit on screen.
     */
    static PlotFrame frame(PatchScatter s, double width, double height) {
        return dataFrame(s, width, height).underLegend(legend(s, LeastSquares.fit(s.eap(), s.patched()), s.size(), s.size()));
    }

    private static PlotFrame dataFrame(PatchScatter s, double width, double height) {
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < s.size(); i++) {
            lo = Math.min(lo, Math.min(s.eap()[i], s.patched()[i]));
            hi = Math.max(hi, Math.max(s.eap()[i], s.patched()[i]));
        }
        return PlotFrame.of(lo, hi, lo, hi, width, height);
    }

    /**
     * @param method    the name of the method whose scores are on the x axis, "EAP-IG (inputs)"
     * @param inCircuit edges of the current circuit (may be null); @param selected edge index or -1
     */
    public static void paint(GraphCanvas c, PatchScatter s, String method, BitSet inCircuit, int selected, double width,
                             double height) {
        paint(c, s, method, inCircuit, selected, null, width, height);
    }

    /** Pearson and Spearman, then the key: in the circuit, not in it, the diagonal, the least-squares line. */
    static List<LegendRows.Entry> legend(PatchScatter s, BitSet inCircuit) {
        int in = 0;
        for (int i = 0; inCircuit != null && i < s.size(); i++) {
            in += inCircuit.get(s.edges()[i]) ? 1 : 0;
        }
        return legend(s, LeastSquares.fit(s.eap(), s.patched()), in, s.size() - in);
    }

    private static List<LegendRows.Entry> legend(PatchScatter s, LeastSquares fit, int in, int out) {
        return List.of(
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, String.format(Locale.ROOT, "n = %,d   Pearson r = %.3f   Spearman ρ = %.3f",
                        s.size(), s.pearson(), s.spearman()), PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.SQUARE, IN, "in circuit (" + in + ")", PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.SQUARE, OUT, "not in circuit (" + out + ")",
                        PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.THIN_LINE, DIAGONAL, "y = x", PlotFrame.TEXT),
                LegendRows.Entry.of(fit.defined() ? LegendRows.Swatch.LINE : LegendRows.Swatch.NONE, FIT,
                        "least squares " + fit.equation(), PlotFrame.TEXT));
    }

    /** As above, with the brushed edges (may be null) outlined. */
    public static void paint(GraphCanvas c, PatchScatter s, String method, BitSet inCircuit, int selected, BitSet brushed,
                             double width, double height) {
        paint(new LabelLayout(c), s, method, inCircuit, selected, brushed, width, height);
    }

    public static void paint(LabelLayout l, PatchScatter s, String method, BitSet inCircuit, int selected, BitSet brushed,
                             double width, double height) {
        PlotFrame f = paintBase(l, s, method, inCircuit, width, height);
        if (f != null) {
            paintOverlay(l.canvas(), s, f, selected, brushed);
        }
    }

    /**
     * Everything but the brush and the selection: background, legend, axes, the two lines and the points.
     *
     * @return the frame the points were drawn in, or null when there are none (nothing to brush or select)
     */
    static PlotFrame paintBase(LabelLayout l, PatchScatter s, String method, BitSet inCircuit, double width, double height) {
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (s == null || s.size() == 0) {
            l.text(width / 2, height / 2, "Press “Patch top N” to compare " + method + " with exact patching", 13, Anchor.MIDDLE,
                    PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            return null;
        }
        PlotFrame f = frame(s, width, height);
        if (!f.usable()) {
            return null;
        }
        LeastSquares fit = LeastSquares.fit(s.eap(), s.patched());
        f.drawLegend(l, legend(s, inCircuit));
        f.axes(l, method + " score", "exact patching effect, λ = 1");
        l.line(f.x(f.xMin()), f.y(f.xMin()), f.x(f.xMax()), f.y(f.xMax()), DIAGONAL, 1);
        double[] along = fit.defined() ? fitInFrame(fit, f) : null;
        if (along != null) {
            l.line(f.x(along[0]), f.y(fit.at(along[0])), f.x(along[1]), f.y(fit.at(along[1])), FIT, 1.5);
        }
        int w = (int) Math.ceil(width) + 1;
        int h = (int) Math.ceil(height) + 1;
        BitSet drawn = new BitSet(2 * w * h);
        // Outside the circuit first, so that the circuit's points lie on top.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < s.size(); i++) {
                boolean member = inCircuit != null && inCircuit.get(s.edges()[i]);
                if (member != (pass == 1)) {
                    continue;
                }
                double x = f.x(s.eap()[i]);
                double y = f.y(s.patched()[i]);
                if (firstAt(drawn, pass, x, y, w, h)) {
                    l.rect(x - 1.5, y - 1.5, 3, 3, member ? IN : OUT);
                }
            }
        }
        return f;
    }

    /** The x range over which the least-squares line stays inside the frame's y range, or null where it never does. */
    static double[] fitInFrame(LeastSquares fit, PlotFrame f) {
        double lo = f.xMin();
        double hi = f.xMax();
        if (fit.slope() != 0) {
            double a = (f.yMin() - fit.intercept()) / fit.slope();
            double b = (f.yMax() - fit.intercept()) / fit.slope();
            lo = Math.max(lo, Math.min(a, b));
            hi = Math.min(hi, Math.max(a, b));
        } else if (fit.intercept() < f.yMin() || fit.intercept() > f.yMax()) {
            return null;
        }
        return lo < hi ? new double[] {lo, hi} : null;
    }

    /** Whether no square of this layer has been drawn at (x, y)'s pixel yet; marks it drawn. */
    private static boolean firstAt(BitSet drawn, int layer, double x, double y, int w, int h) {
        int px = Math.max(0, Math.min(w - 1, (int) Math.round(x)));
        int py = Math.max(0, Math.min(h - 1, (int) Math.round(y)));
        int cell = (layer * h + py) * w + px;
        if (drawn.get(cell)) {
            return false;
        }
        drawn.set(cell);
        return true;
    }

    /** The brushed edges (may be null) outlined and the selected edge (or -1) ringed, over a base drawn in {@code f}. */
    static void paintOverlay(GraphCanvas c, PatchScatter s, PlotFrame f, int selected, BitSet brushed) {
        if (s == null) {
            return;
        }
        if (brushed != null && !brushed.isEmpty()) {
            int w = (int) Math.ceil(f.right()) + 8;
            int h = (int) Math.ceil(f.bottom()) + 8;
            BitSet drawn = new BitSet(w * h);
            for (int i = 0; i < s.size(); i++) {
                if (brushed.get(s.edges()[i])) {
                    double x = f.x(s.eap()[i]);
                    double y = f.y(s.patched()[i]);
                    if (firstAt(drawn, 0, x, y, w, h)) {
                        c.strokeRect(x - 3, y - 3, 6, 6, SELECTED, 1);
                    }
                }
            }
        }
        for (int i = 0; selected >= 0 && i < s.size(); i++) {
            if (s.edges()[i] == selected) {
                c.strokeRect(f.x(s.eap()[i]) - 5, f.y(s.patched()[i]) - 5, 10, 10, SELECTED, 1.5);
            }
        }
    }
}
