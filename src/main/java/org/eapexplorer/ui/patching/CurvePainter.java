package org.eapexplorer.ui.patching;

import java.util.List;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.charts.ChartColours;

/**
 * λ-interpolation curves (EAP paper, Figures 4b/9): for each edge the exact effect against λ, EAP's tangent
 * through λ = 0 with slope = its score (thin), and the gap between the two at λ = 1 as a labelled bracket.
 */
public final class CurvePainter {

    static final Rgba[] PALETTE = ChartColours.SERIES.toArray(Rgba[]::new);

    private CurvePainter() {
    }

    static Rgba color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    public static void paint(GraphCanvas c, List<LambdaCurve> curves, double width, double height) {
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (curves.isEmpty()) {
            c.text(width / 2, height / 2, "Select an edge and press “Compute curve”", 13, Anchor.MIDDLE, PlotFrame.MUTED);
            return;
        }
        double lo = 0;
        double hi = 0;
        for (LambdaCurve k : curves) {
            for (int i = 0; i < k.lambdas().length; i++) {
                lo = Math.min(lo, Math.min(k.effects()[i], k.eapScore() * k.lambdas()[i]));
                hi = Math.max(hi, Math.max(k.effects()[i], k.eapScore() * k.lambdas()[i]));
            }
        }
        PlotFrame f = PlotFrame.of(0, 1, lo, hi, width, height);
        if (!f.usable()) {
            return;
        }
        f.axes(c, "λ (0 = clean, 1 = edge fully patched)", "L(patched) − L(clean)");
        c.line(f.left(), f.y(0), f.right(), f.y(0), PlotFrame.AXIS, 0.75);
        double legendY = f.top() + 10;
        for (int s = 0; s < curves.size(); s++) {
            LambdaCurve k = curves.get(s);
            Rgba color = color(s);
            double[] l = k.lambdas();
            double last = l[l.length - 1];
            c.line(f.x(0), f.y(0), f.x(last), f.y(k.eapScore() * last), color.withAlpha(0.55), 1);
            for (int i = 1; i < l.length; i++) {
                c.line(f.x(l[i - 1]), f.y(k.effects()[i - 1]), f.x(l[i]), f.y(k.effects()[i]), color, 2);
            }
            for (int i = 0; i < l.length; i++) {
                c.fillCircle(f.x(l[i]), f.y(k.effects()[i]), 2.2, color);
            }
            double gx = f.x(last) - 6 - 4 * s;
            c.line(gx, f.y(k.eapScore() * last), gx, f.y(k.effectAtOne()), color, 1);
            c.text(gx - 4, (f.y(k.eapScore() * last) + f.y(k.effectAtOne())) / 2, "gap " + PlotFrame.format(k.gapAtOne()),
                    PlotFrame.FONT, Anchor.END, color);
            c.line(f.left() + 10, legendY, f.left() + 28, legendY, color, 2);
            c.text(f.left() + 32, legendY, k.name() + "   EAP " + PlotFrame.format(k.eapScore()) + "   exact(1) "
                    + PlotFrame.format(k.effectAtOne()) + "   gap " + PlotFrame.format(k.gapAtOne()), PlotFrame.FONT,
                    Anchor.START, PlotFrame.TEXT);
            legendY += 15;
        }
        c.text(f.right() - 4, f.bottom() - 10, "thick: exact patching   thin: EAP tangent (slope = score)", PlotFrame.FONT,
                Anchor.END, PlotFrame.MUTED);
    }
}
