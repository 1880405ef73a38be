package org.eapexplorer.ui.eval;

import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.charts.ChartColours;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * The paper's Figure 2: EAP's ROC curve against a reference circuit beside ACDC's (one point per τ, the curve
 * through the Pareto ones), TPR against FPR, the diagonal, each AUC in the legend, and the threshold's point.
 */
public final class RocPainter {

    static final Rgba EDGES = ChartColours.series(0);
    static final Rgba NODES = ChartColours.series(2);
    static final Rgba CURSOR = ChartColours.MARK;
    static final Rgba PATCHING = ChartColours.series(3);
    /** ACDC's curves: KL, then the task metric (the order the paper's legends use); never a sign colour. */
    static final Rgba[] ACDC = {ChartColours.series(1), ChartColours.series(4), ChartColours.series(5)};

    private RocPainter() {
    }

    /** The legend line of a curve, e.g. "EAP edges   AUC 0.912". */
    public static String legend(String level, RocCurve c) {
        return legendOf("EAP " + level, c);
    }

    /** The legend line of ACDC's curve, e.g. "ACDC (KL)   AUC 0.868". */
    public static String legend(AcdcCurve a) {
        return legendOf(a.label(), a.curve());
    }

    private static String legendOf(String name, RocCurve c) {
        return String.format(Locale.ROOT, "%s   AUC %.3f", name, c.auc());
    }

    public static void paint(GraphCanvas c, RocFigure fig, double width, double height) {
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        RocCurve roc = fig.eap();
        if (roc == null) {
            c.text(width / 2, height / 2, fig.problem() == null ? "No ROC curve" : fig.problem(), 13, Anchor.MIDDLE, PlotFrame.MUTED);
            return;
        }
        PlotFrame f = PlotFrame.of(0, 1, 0, 1, width, height);
        if (!f.usable()) {
            return;
        }
        f.axes(c, "false positive rate", "true positive rate");
        c.line(f.x(0), f.y(0), f.x(1), f.y(1), PlotFrame.MUTED, 1);
        if (fig.nodes() != null) {
            curve(c, f, fig.nodes(), NODES, 1.5);
        }
        for (int i = 0; i < fig.acdc().size(); i++) {
            AcdcCurve a = fig.acdc().get(i);
            Rgba color = ACDC[Math.min(i, ACDC.length - 1)];
            curve(c, f, a.curve(), color, 1.5);
            for (RocPoint p : a.points()) {
                c.fillCircle(f.x(p.fpr()), f.y(p.tpr()), 3.5, color);
            }
        }
        if (fig.patching() != null) {
            curve(c, f, fig.patching(), PATCHING, 1.5);
        }
        curve(c, f, roc, EDGES, 2);
        cursor(c, f, fig);

        int lines = 1 + (fig.nodes() == null ? 0 : 1) + (fig.patching() == null ? 0 : 1) + fig.acdc().size();
        double ly = f.bottom() - 12 - 15 * lines;
        c.text(f.right() - 8, ly, "truth: " + fig.source() + "   " + roc.convention().description(), PlotFrame.FONT,
                Anchor.END, PlotFrame.MUTED);
        ly += 15;
        legendLine(c, f, ly, EDGES, legend("edges", roc));
        if (fig.nodes() != null) {
            ly += 15;
            legendLine(c, f, ly, NODES, legend("nodes", fig.nodes()));
        }
        if (fig.patching() != null) {
            ly += 15;
            legendLine(c, f, ly, PATCHING, legendOf("Activation patching", fig.patching())
                    + (fig.patchedEdges() < fig.eap().keptEdges()[fig.eap().size() - 1] ? "   (top " + fig.patchedEdges() + " edges)" : ""));
        }
        for (int i = 0; i < fig.acdc().size(); i++) {
            ly += 15;
            AcdcCurve a = fig.acdc().get(i);
            legendLine(c, f, ly, ACDC[Math.min(i, ACDC.length - 1)], legend(a) + "   (" + a.points().size() + " τ)");
        }
    }

    /**
     * The current threshold: at the circuit's own (FPR, TPR). Under ACDC's convention that point can lie below
     * the Pareto curve; the label says so rather than snapping it onto the curve.
     */
    private static void cursor(GraphCanvas c, PlotFrame f, RocFigure fig) {
        RocPoint p = fig.point();
        if (p == null) {
            return;
        }
        RocCurve roc = fig.eap();
        double px = f.x(p.fpr());
        double py = f.y(p.tpr());
        c.fillCircle(px, py, 5, CURSOR);
        boolean onCurve = fig.cursor() >= 0 && fig.cursor() < roc.size() && roc.fpr()[fig.cursor()] == p.fpr()
                && roc.tpr()[fig.cursor()] == p.tpr();
        boolean right = px > (f.left() + f.right()) / 2;
        String label = String.format(Locale.ROOT, "%s: %d edges, TPR %.3f, FPR %.4f%s", fig.pointLabel(), p.keptEdges(), p.tpr(), p.fpr(),
                onCurve || fig.cursor() < 0 ? "" : " (below the Pareto curve)");
        c.text(right ? px - 8 : px + 8, py + 14, label, PlotFrame.FONT, right ? Anchor.END : Anchor.START, CURSOR);
    }

    private static void legendLine(GraphCanvas c, PlotFrame f, double y, Rgba color, String text) {
        c.line(f.right() - 250, y, f.right() - 232, y, color, 2);
        c.text(f.right() - 228, y, text, PlotFrame.FONT, Anchor.START, PlotFrame.TEXT);
    }

    /**
     * Joins a curve's points from (0, 0) to (1, 1): straight segments under auto-circuit's convention (the
     * trapezoids it integrates), steps under ACDC's (each rise in TPR at its FPR: the pessimistic area).
     */
    static void curve(GraphCanvas c, PlotFrame f, RocCurve k, Rgba color, double w) {
        boolean steps = k.convention() == org.eapexplorer.eval.RocConvention.ACDC;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i <= k.size(); i++) {
            double x = i < k.size() ? k.fpr()[i] : 1;
            double y = i < k.size() ? k.tpr()[i] : 1;
            if (steps) {
                c.line(f.x(lastX), f.y(lastY), f.x(x), f.y(lastY), color, w);
                c.line(f.x(x), f.y(lastY), f.x(x), f.y(y), color, w);
            } else {
                c.line(f.x(lastX), f.y(lastY), f.x(x), f.y(y), color, w);
            }
            lastX = x;
            lastY = y;
        }
    }
}
