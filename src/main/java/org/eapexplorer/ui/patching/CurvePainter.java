package org.eapexplorer.ui.patching;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.charts.SeriesStyles;

/**
 * λ-interpolation curves (EAP paper, Figures 4b/9): for each edge the exact effect against λ, EAP's tangent
 * through λ = 0 with slope = its score (thin), another method's line from the same point with slope = its score
 * (dashed, e.g. EAP-IG's average slope), and the gap between EAP's tangent and the curve at λ = 1 as a bracket in
 * the curve's colour. Each curve's numbers (gaps included) and the key to the line styles are legend rows above the
 * plot: written beside the brackets, which sit a few pixels apart, they ran into each other.
 */
public final class CurvePainter {

    /** Dashes along another method's line: enough to read as dashed at any plot width. */
    public static final int DASHES = 20;

    private CurvePainter() {
    }

    /** Each curve's style, by its edge, from {@code styles} (kept while other curves come and go). */
    private static List<SeriesStyles.Style> styles(List<LambdaCurve> curves, SeriesStyles styles) {
        return styles.assign(curves.stream().map(LambdaCurve::edge).toList());
    }

    /** The other method's line in data units, {λ₀, y₀, λ₁, y₁} from the clean point to the last λ; null without one. */
    public static double[] estimateLine(LambdaCurve k) {
        if (k.estimate() == null) {
            return null;
        }
        double last = k.lambdas()[k.lambdas().length - 1];
        return new double[] {0, 0, last, k.estimate().at(last)};
    }

    /** The plot area for {@code curves}: λ from 0 to 1, the effects and both estimates' lines inside it, under the legend. */
    public static PlotFrame frame(List<LambdaCurve> curves, double width, double height) {
        return dataFrame(curves, width, height).underLegend(legend(curves, styles(curves, new SeriesStyles())));
    }

    private static PlotFrame dataFrame(List<LambdaCurve> curves, double width, double height) {
        double lo = 0;
        double hi = 0;
        for (LambdaCurve k : curves) {
            for (int i = 0; i < k.lambdas().length; i++) {
                double l = k.lambdas()[i];
                lo = Math.min(lo, k.effects()[i]);
                hi = Math.max(hi, k.effects()[i]);
                if (k.hasEapScore()) {
                    lo = Math.min(lo, k.eapScore() * l);
                    hi = Math.max(hi, k.eapScore() * l);
                }
                if (k.estimate() != null && Double.isFinite(k.estimate().slope())) {
                    lo = Math.min(lo, k.estimate().at(l));
                    hi = Math.max(hi, k.estimate().at(l));
                }
            }
        }
        return PlotFrame.of(0, 1, lo, hi, width, height);
    }

    /**
     * One entry per curve (its numbers, gaps included: written beside the brackets they would run into each other),
     * then the key to the line styles.
     */
    static List<LegendRows.Entry> legend(List<LambdaCurve> curves, List<SeriesStyles.Style> styles) {
        List<LegendRows.Entry> out = new ArrayList<>();
        boolean anyEstimate = false;
        for (int s = 0; s < curves.size(); s++) {
            out.add(LegendRows.Entry.line(styles.get(s).colour(), styles.get(s).dash().pattern(), legendText(curves.get(s)), PlotFrame.TEXT));
            anyEstimate |= curves.get(s).estimate() != null;
        }
        out.add(LegendRows.Entry.of(LegendRows.Swatch.LINE, PlotFrame.MUTED, "exact patching", PlotFrame.MUTED));
        out.add(LegendRows.Entry.of(LegendRows.Swatch.THIN_LINE, PlotFrame.MUTED, "EAP tangent (slope = score)", PlotFrame.MUTED));
        if (anyEstimate) {
            out.add(LegendRows.Entry.of(LegendRows.Swatch.DASHED, PlotFrame.MUTED, "the other method's line (slope = its score)",
                    PlotFrame.MUTED));
        }
        out.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "bracket at λ = 1: gap = exact − EAP", PlotFrame.MUTED));
        return out;
    }

    /** The curves in styles of their own, in the order given. */
    public static void paint(GraphCanvas c, List<LambdaCurve> curves, double width, double height) {
        paint(c, curves, new SeriesStyles(), width, height);
    }

    /** The curves, each in the style {@code styles} keeps for its edge. */
    public static void paint(GraphCanvas c, List<LambdaCurve> curves, SeriesStyles styles, double width, double height) {
        paint(new LabelLayout(c), curves, styles, width, height);
    }

    public static void paint(LabelLayout l, List<LambdaCurve> curves, SeriesStyles seriesStyles, double width, double height) {
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (curves.isEmpty()) {
            l.text(width / 2, height / 2, "Select an edge: its λ-curve appears here", 13, Anchor.MIDDLE, PlotFrame.MUTED,
                    LabelLayout.Kind.LABEL);
            return;
        }
        PlotFrame f = dataFrame(curves, width, height);
        if (!f.usable()) {
            return;
        }
        List<SeriesStyles.Style> styles = styles(curves, seriesStyles);
        f = f.legend(l, legend(curves, styles));
        if (!f.usable()) {
            return;
        }
        f.axes(l, "λ (0 = clean, 1 = edge fully patched)", "L(patched) − L(clean)");
        c.line(f.left(), f.y(0), f.right(), f.y(0), PlotFrame.AXIS, 0.75);
        for (int s = 0; s < curves.size(); s++) {
            LambdaCurve k = curves.get(s);
            Rgba color = styles.get(s).colour();
            org.eapexplorer.circuit.DashedLine exact = new org.eapexplorer.circuit.DashedLine(styles.get(s).dash().pattern(),
                    (x1, y1, x2, y2) -> l.line(x1, y1, x2, y2, color, 2));
            double[] lam = k.lambdas();
            double last = lam[lam.length - 1];
            if (k.hasEapScore()) {
                l.line(f.x(0), f.y(0), f.x(last), f.y(k.eapScore() * last), color.withAlpha(0.55), 1);
            }
            double[] line = estimateLine(k);
            if (line != null && Double.isFinite(line[3])) {
                dashed(l, f, line, color);
            }
            for (int i = 1; i < lam.length; i++) {
                exact.to(f.x(lam[i - 1]), f.y(k.effects()[i - 1]), f.x(lam[i]), f.y(k.effects()[i]));
            }
            for (int i = 0; i < lam.length; i++) {
                l.circle(f.x(lam[i]), f.y(k.effects()[i]), 2.2, color);
            }
            if (k.hasEapScore()) {
                // One bracket per curve, side by side left of λ = 1; their values are in the legend.
                double gx = f.x(last) - 6 - 4 * s;
                l.line(gx, f.y(k.eapScore() * last), gx, f.y(k.effectAtOne()), color, 1);
            }
        }
    }

    /** "a0.h1->a1.h2<q>   EAP 0.12   EAP-IG (inputs), 5 steps 0.31   exact(1) 0.29   gap 0.17". */
    static String legendText(LambdaCurve k) {
        StringBuilder b = new StringBuilder(k.name());
        b.append("   EAP ").append(k.hasEapScore() ? PlotFrame.format(k.eapScore()) : "n/a");
        if (k.estimate() != null) {
            b.append("   ").append(k.estimate().method().describe()).append(' ').append(PlotFrame.format(k.estimate().slope()));
        }
        b.append("   exact(1) ").append(PlotFrame.format(k.effectAtOne()));
        if (k.hasEapScore()) {
            b.append("   gap ").append(PlotFrame.format(k.gapAtOne()));
        }
        if (k.estimate() != null) {
            b.append("   ").append(k.estimate().method().method().label()).append(" gap ").append(PlotFrame.format(k.estimateGapAtOne()));
        }
        return b.toString();
    }

    /** {@code line} ({λ₀, y₀, λ₁, y₁}) as {@link #DASHES} dashes, each half of its stretch. */
    private static void dashed(LabelLayout c, PlotFrame f, double[] line, Rgba color) {
        for (int i = 0; i < DASHES; i++) {
            double t0 = i / (double) DASHES;
            double t1 = (i + 0.5) / DASHES;
            c.line(f.x(line[0] + t0 * (line[2] - line[0])), f.y(line[1] + t0 * (line[3] - line[1])),
                    f.x(line[0] + t1 * (line[2] - line[0])), f.y(line[1] + t1 * (line[3] - line[1])), color, 1.5);
        }
    }
}
