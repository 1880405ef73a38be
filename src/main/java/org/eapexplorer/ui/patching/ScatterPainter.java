package org.eapexplorer.ui.patching;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.charts.ChartColours;

/**
 * EAP score (x) against the exact patching effect at λ = 1 (y), with the y = x line, points dark grey when the
 * edge is in the current circuit and light grey when not (membership is never a sign colour), the selected edge ringed, and Pearson/Spearman in the legend. One small square
 * per point, so tens of thousands of points stay cheap.
 */
public final class ScatterPainter {

    static final Rgba IN = ChartColours.MEMBER.withAlpha(0.9);
    static final Rgba OUT = ChartColours.NON_MEMBER.withAlpha(0.8);
    static final Rgba DIAGONAL = Rgba.hex("#8C8C8C");
    static final Rgba SELECTED = Rgba.hex("#000000");

    private ScatterPainter() {
    }

    /**
     * The frame a scatter is drawn in, under its legend, for mapping clicks back to points: the legend measured with
     * counts as wide as they can be, so that the frame does not depend on the circuit on screen.
     */
    static PlotFrame frame(PatchScatter s, double width, double height) {
        return dataFrame(s, width, height).underLegend(legend(s, s.size(), s.size()));
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

    /** @param inCircuit edges of the current circuit (may be null); @param selected edge index or -1 */
    public static void paint(GraphCanvas c, PatchScatter s, BitSet inCircuit, int selected, double width, double height) {
        paint(c, s, inCircuit, selected, null, width, height);
    }

    /** Pearson and Spearman, then the key: in the circuit, not in it, the diagonal. */
    static List<LegendRows.Entry> legend(PatchScatter s, BitSet inCircuit) {
        int in = 0;
        for (int i = 0; inCircuit != null && i < s.size(); i++) {
            in += inCircuit.get(s.edges()[i]) ? 1 : 0;
        }
        return legend(s, in, s.size() - in);
    }

    private static List<LegendRows.Entry> legend(PatchScatter s, int in, int out) {
        return List.of(
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, String.format(Locale.ROOT, "n = %,d   Pearson r = %.3f   Spearman ρ = %.3f",
                        s.size(), s.pearson(), s.spearman()), PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.SQUARE, IN, "in circuit (" + in + ")", PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.SQUARE, OUT, "not in circuit (" + out + ")",
                        PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.THIN_LINE, DIAGONAL, "y = x", PlotFrame.TEXT));
    }

    /** As above, with the brushed edges (may be null) outlined. */
    public static void paint(GraphCanvas c, PatchScatter s, BitSet inCircuit, int selected, BitSet brushed, double width,
                             double height) {
        paint(new LabelLayout(c), s, inCircuit, selected, brushed, width, height);
    }

    public static void paint(LabelLayout l, PatchScatter s, BitSet inCircuit, int selected, BitSet brushed, double width,
                             double height) {
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (s == null || s.size() == 0) {
            l.text(width / 2, height / 2, "Press “Patch top N” to compare EAP with exact patching", 13, Anchor.MIDDLE,
                    PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            return;
        }
        PlotFrame f = frame(s, width, height);
        if (!f.usable()) {
            return;
        }
        f.drawLegend(l, legend(s, inCircuit));
        f.axes(l, "EAP score", "exact patching effect, λ = 1");
        l.line(f.x(f.xMin()), f.y(f.xMin()), f.x(f.xMax()), f.y(f.xMax()), DIAGONAL, 1);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < s.size(); i++) {
                boolean member = inCircuit != null && inCircuit.get(s.edges()[i]);
                if (member != (pass == 1)) {
                    continue;
                }
                l.rect(f.x(s.eap()[i]) - 1.5, f.y(s.patched()[i]) - 1.5, 3, 3, member ? IN : OUT);
            }
        }
        for (int i = 0; brushed != null && i < s.size(); i++) {
            if (brushed.get(s.edges()[i])) {
                c.strokeRect(f.x(s.eap()[i]) - 3, f.y(s.patched()[i]) - 3, 6, 6, SELECTED, 1);
            }
        }
        for (int i = 0; i < s.size(); i++) {
            if (s.edges()[i] == selected) {
                c.strokeRect(f.x(s.eap()[i]) - 5, f.y(s.patched()[i]) - 5, 10, 10, SELECTED, 1.5);
            }
        }
    }

    /** Indices of the points drawn inside the pixel rectangle spanned by two corners. */
    static int[] inside(PatchScatter s, double width, double height, double x0, double y0, double x1, double y1) {
        if (s == null || s.size() == 0) {
            return new int[0];
        }
        PlotFrame f = frame(s, width, height);
        double lx = Math.min(x0, x1);
        double hx = Math.max(x0, x1);
        double ly = Math.min(y0, y1);
        double hy = Math.max(y0, y1);
        return java.util.stream.IntStream.range(0, s.size()).filter(i -> {
            double px = f.x(s.eap()[i]);
            double py = f.y(s.patched()[i]);
            return px >= lx && px <= hx && py >= ly && py <= hy;
        }).toArray();
    }

    /** The point nearest (px, py) within {@code radius} pixels, as an index into the scatter, or -1. */
    static int hit(PatchScatter s, double width, double height, double px, double py, double radius) {
        if (s == null || s.size() == 0) {
            return -1;
        }
        PlotFrame f = frame(s, width, height);
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < s.size(); i++) {
            double dx = f.x(s.eap()[i]) - px;
            double dy = f.y(s.patched()[i]) - py;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
