package org.eapexplorer.ui.eval;

import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.ui.charts.ChartColours;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * MIB's faithfulness f(C) at its edge fractions, one line per ranking, with CPR and CMD in the legend. The x axis is
 * log₁₀ of the fraction so that 0.1 % and 100 % are both readable; the areas themselves are MIB's, over the raw
 * fractions on a linear axis, as the legend says.
 */
public final class MibPainter {

    static final Rgba SIGNED = ChartColours.series(1);
    static final Rgba ABSOLUTE = ChartColours.series(2);

    private MibPainter() {
    }

    static double logX(double fraction) {
        return Math.log10(fraction);
    }

    public static void paint(GraphCanvas c, MibMetrics m, double width, double height) {
        paint(new LabelLayout(c), m, width, height);
    }

    public static void paint(LabelLayout l, MibMetrics m, double width, double height) {
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (m == null) {
            String hint = "Press “MIB CPR / CMD” for MIB's circuit metrics (one forward pass per edge fraction)";
            if (l.width(hint, 13) > width - 8) {
                hint = "Press “MIB CPR / CMD” for MIB's circuit metrics";
            }
            l.text(width / 2, height / 2, l.fit(hint, 13, width - 8), 13, Anchor.MIDDLE, PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            return;
        }
        double[] fractions = m.cpr().fractions();
        double lo = 0;
        double hi = 1;
        for (MibCurve k : new MibCurve[] {m.cpr(), m.cmd()}) {
            for (double f : k.faithfulness()) {
                if (Double.isFinite(f)) {
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
            }
        }
        PlotFrame frame = PlotFrame.of(logX(fractions[0]), logX(fractions[fractions.length - 1]), lo, hi, width, height);
        if (!frame.usable()) {
            return;
        }
        frame = frame.legend(l, List.of(
                LegendRows.Entry.of(LegendRows.Swatch.LINE, SIGNED, String.format(Locale.ROOT, "signed ranking: CPR = area under f = %.4f",
                        m.cpr().area()), PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.LINE, ABSOLUTE, String.format(Locale.ROOT, "absolute ranking: CMD = area of |1 − f| = %.4f",
                        m.cmd().area()), PlotFrame.TEXT),
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "areas: MIB's trapezoids over the raw fractions", PlotFrame.MUTED),
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "higher CPR and lower CMD are better", PlotFrame.MUTED)));
        if (!frame.usable()) {
            return;
        }
        double[] ticks = new double[fractions.length];
        String[] labels = new String[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            ticks[i] = logX(fractions[i]);
            labels[i] = percent(fractions[i]);
        }
        frame.axes(l, "edges kept, % of all edges (log scale)", "MIB faithfulness f = (m(C) − m(∅)) / (m(M) − m(∅))", ticks, labels);
        c.line(frame.left(), frame.y(1), frame.right(), frame.y(1), PlotFrame.MUTED, 1);
        c.line(frame.left(), frame.y(0), frame.right(), frame.y(0), PlotFrame.MUTED, 1);
        curve(l, frame, m.cpr(), SIGNED);
        curve(l, frame, m.cmd(), ABSOLUTE);
    }

    private static void curve(LabelLayout c, PlotFrame frame, MibCurve k, Rgba colour) {
        double[] x = k.fractions();
        double[] f = k.faithfulness();
        for (int i = 1; i < x.length; i++) {
            if (Double.isFinite(f[i - 1]) && Double.isFinite(f[i])) {
                c.line(frame.x(logX(x[i - 1])), frame.y(f[i - 1]), frame.x(logX(x[i])), frame.y(f[i]), colour, 2);
            }
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(f[i])) {
                c.circle(frame.x(logX(x[i])), frame.y(f[i]), 2.5, colour);
            }
        }
    }

    /** 0.001 → "0.1 %", 0.5 → "50 %". */
    static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%d", (long) p) : String.format(Locale.ROOT, "%s", p)) + " %";
    }
}
