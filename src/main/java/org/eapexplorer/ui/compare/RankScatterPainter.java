package org.eapexplorer.ui.compare;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.stats.RankComparison;
import org.eapexplorer.ui.charts.ChartColours;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * Rank in A (x) against rank in B (y) for every edge scored in both, rank 1 the largest |score|, with the diagonal
 * y = x and Spearman's ρ written on the panel. Points are dark grey in the circuit on screen and light grey outside it, the
 * edges that moved most are ringed in the marking colour and the selected edge in black.
 *
 * <p>Drawn fast for GPT-2 small's 32,491 points: each point is one small square, and a square already drawn at the
 * same pixel in the same colour is not drawn again (past a few thousand points most of them coincide).
 */
public final class RankScatterPainter {

    static final Rgba IN = ChartColours.MEMBER;
    static final Rgba OUT = ChartColours.NON_MEMBER;
    static final Rgba DIAGONAL = Rgba.hex("#8C8C8C");
    static final Rgba SELECTED = Rgba.hex("#000000");
    static final Rgba MOVED = ChartColours.MARK;

    private RankScatterPainter() {
    }

    /** The frame ranks are drawn in, under the legend (every corner of a rank plot has data), for mapping clicks back to edges. */
    static PlotFrame frame(RankComparison c, double width, double height) {
        return PlotFrame.of(1, Math.max(2, c.compared()), 1, Math.max(2, c.compared()), width, height).underLegend(legend(c));
    }

    private static List<LegendRows.Entry> legend(RankComparison cmp) {
        return List.of(
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, String.format(Locale.ROOT, "Spearman ρ = %.3f   n = %,d edges", cmp.spearman(),
                        cmp.compared()), PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.SQUARE, IN, "in circuit", PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.SQUARE, OUT, "not in it", PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.OUTLINE, MOVED, "moved most", PlotFrame.TEXT));
    }

    /**
     * @param problem   why there is no comparison (the tab says it above the chart), or empty
     * @param inCircuit edges of the circuit on screen (may be null)
     * @param moved     edges to ring (may be null)
     * @param selected  the selected edge, or -1
     * @return the points drawn (squares after removing those at the same pixel)
     */
    public static int paint(GraphCanvas c, RankComparison cmp, String nameA, String nameB, String problem, BitSet inCircuit,
                            int[] moved, int selected, double width, double height) {
        return paint(new LabelLayout(c), cmp, nameA, nameB, problem, inCircuit, moved, selected, width, height);
    }

    /** As above, with text and points recorded in {@code l}. */
    public static int paint(LabelLayout l, RankComparison cmp, String nameA, String nameB, String problem, BitSet inCircuit,
                            int[] moved, int selected, double width, double height) {
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (cmp == null) {
            if (problem == null || problem.isEmpty()) {
                l.text(width / 2, height / 2, "Choose set A and set B", 13, Anchor.MIDDLE, PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            }
            return 0;
        }
        PlotFrame f = frame(cmp, width, height);
        if (!f.usable()) {
            return 0;
        }
        f.drawLegend(l, legend(cmp));
        f.axes(l, "rank of |score| in A: " + nameA + "   (1 = largest)", "rank of |score| in B: " + nameB);
        c.line(f.x(1), f.y(1), f.x(cmp.compared()), f.y(cmp.compared()), DIAGONAL, 1);
        double[] ra = cmp.rankA();
        double[] rb = cmp.rankB();
        int w = (int) Math.ceil(width) + 1;
        int h = (int) Math.ceil(height) + 1;
        BitSet drawn = new BitSet(2 * w * h);
        int squares = 0;
        // Outside the circuit first, so that the circuit's points lie on top.
        for (int pass = 0; pass < 2; pass++) {
            boolean members = pass == 1;
            for (int e = 0; e < ra.length; e++) {
                if (Double.isNaN(ra[e]) || (inCircuit != null && inCircuit.get(e)) != members) {
                    continue;
                }
                int px = (int) Math.round(f.x(ra[e]));
                int py = (int) Math.round(f.y(rb[e]));
                int cell = (pass * h + Math.max(0, Math.min(h - 1, py))) * w + Math.max(0, Math.min(w - 1, px));
                if (!drawn.get(cell)) {
                    drawn.set(cell);
                    l.rect(px - 1, py - 1, 2.5, 2.5, members ? IN : OUT);
                    squares++;
                }
            }
        }
        for (int i = 0; moved != null && i < moved.length; i++) {
            int e = moved[i];
            c.strokeRect(f.x(ra[e]) - 3.5, f.y(rb[e]) - 3.5, 7, 7, MOVED, 1.2);
        }
        if (selected >= 0 && selected < ra.length && !Double.isNaN(ra[selected])) {
            c.strokeRect(f.x(ra[selected]) - 5.5, f.y(rb[selected]) - 5.5, 11, 11, SELECTED, 1.5);
        }
        return squares;
    }

    /** The edge whose point is nearest (px, py) within {@code radius} pixels, or -1. */
    static int hit(RankComparison cmp, double width, double height, double px, double py, double radius) {
        if (cmp == null) {
            return -1;
        }
        PlotFrame f = frame(cmp, width, height);
        int best = -1;
        double bestD = radius * radius;
        for (int e = 0; e < cmp.rankA().length; e++) {
            if (Double.isNaN(cmp.rankA()[e])) {
                continue;
            }
            double dx = f.x(cmp.rankA()[e]) - px;
            double dy = f.y(cmp.rankB()[e]) - py;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = e;
            }
        }
        return best;
    }

    /** "a0.h1->a1.h2<k>   3 → 41" for the list of edges that moved. */
    static String movedLine(RankComparison cmp, String edgeName, int edge) {
        return edgeName + "   " + rank(cmp.rankA()[edge]) + " → " + rank(cmp.rankB()[edge]);
    }

    private static String rank(double r) {
        return r == Math.rint(r) ? String.format(Locale.ROOT, "%,d", (long) r) : String.format(Locale.ROOT, "%,.1f", r);
    }
}
