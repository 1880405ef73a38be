package org.eapexplorer.ui.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
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
    /** The window's other score sets, in the order they came (the shown set is {@link #EDGES}). */
    static final Rgba[] SETS = {ChartColours.series(1), ChartColours.series(3), ChartColours.series(4), ChartColours.series(2),
            ChartColours.series(5)};

    /** The colour of the {@code i}-th other score set's curve. */
    static Rgba setColour(int i) {
        return SETS[Math.floorMod(i, SETS.length)];
    }

    /** The legend line of a score set's curve, e.g. "EAP-IG (inputs), 5 steps · induction.jsonl   AUC 0.812". */
    public static String legend(ScoreSetCurve s) {
        return legendOf(s.name(), s.curve());
    }

    private RocPainter() {
    }

    /** The legend line of a curve of {@code method}'s scores, e.g. "EAP-IG (inputs) edges   AUC 0.912". */
    public static String legend(String method, String level, RocCurve c) {
        return legendOf(method + " " + level, c);
    }

    /** The legend line of ACDC's curve, e.g. "ACDC (KL)   AUC 0.868". */
    public static String legend(AcdcCurve a) {
        return legendOf(a.label(), a.curve());
    }

    private static String legendOf(String name, RocCurve c) {
        return String.format(Locale.ROOT, "%s   AUC %.3f", name, c.auc());
    }

    public static void paint(GraphCanvas c, RocFigure fig, double width, double height) {
        paint(new LabelLayout(c), fig, width, height);
    }

    public static void paint(LabelLayout l, RocFigure fig, double width, double height) {
        GraphCanvas c = l.canvas();
        l.bounded(width, height);
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        RocCurve roc = fig.eap();
        if (roc == null) {
            l.text(width / 2, height / 2, l.fit(fig.problem() == null ? "No ROC curve" : fig.problem(), 13, width - 8), 13, Anchor.MIDDLE,
                    PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            return;
        }
        PlotFrame f = PlotFrame.of(0, 1, 0, 1, width, height);
        if (!f.usable()) {
            return;
        }
        // Above the plot: every ROC corner can hold a curve (ACDC's steps, a poor ranking under the diagonal).
        f = f.legend(l, legend(fig));
        if (!f.usable()) {
            return;
        }
        f.axes(l, "false positive rate", "true positive rate");
        c.line(f.x(0), f.y(0), f.x(1), f.y(1), PlotFrame.MUTED, 1);
        if (fig.nodes() != null) {
            curve(l, f, fig.nodes(), NODES, 1.5);
        }
        for (int i = 0; i < fig.acdc().size(); i++) {
            AcdcCurve a = fig.acdc().get(i);
            Rgba color = ACDC[Math.min(i, ACDC.length - 1)];
            curve(l, f, a.curve(), color, 1.5);
            for (RocPoint p : a.points()) {
                l.circle(f.x(p.fpr()), f.y(p.tpr()), 3.5, color);
            }
        }
        if (fig.patching() != null) {
            curve(l, f, fig.patching(), PATCHING, 1.5);
        }
        for (int i = 0; i < fig.sets().size(); i++) {
            curve(l, f, fig.sets().get(i).curve(), setColour(i), 1.5);
        }
        curve(l, f, roc, EDGES, 2);
        cursor(l, f, fig);
    }

    /** One entry per curve, the shown one first, then where the truth came from and the convention. */
    private static List<LegendRows.Entry> legend(RocFigure fig) {
        RocCurve roc = fig.eap();
        List<LegendRows.Entry> out = new ArrayList<>();
        out.add(entry(EDGES, fig.shownName() == null ? legend(fig.method(), "edges", roc) : legendOf(fig.shownName(), roc) + "   (shown)"));
        for (int i = 0; i < fig.sets().size(); i++) {
            out.add(entry(setColour(i), legend(fig.sets().get(i))));
        }
        if (fig.nodes() != null) {
            out.add(entry(NODES, legend(fig.method(), "nodes", fig.nodes())));
        }
        if (fig.patching() != null) {
            out.add(entry(PATCHING, legendOf("Activation patching", fig.patching())
                    + (fig.patchedEdges() < roc.keptEdges()[roc.size() - 1] ? "   (top " + fig.patchedEdges() + " edges)" : "")));
        }
        for (int i = 0; i < fig.acdc().size(); i++) {
            AcdcCurve a = fig.acdc().get(i);
            out.add(entry(ACDC[Math.min(i, ACDC.length - 1)], legend(a) + "   (" + a.points().size() + " τ)"));
        }
        out.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "truth: " + fig.source() + "   " + roc.convention().description(),
                PlotFrame.MUTED));
        return out;
    }

    private static LegendRows.Entry entry(Rgba colour, String text) {
        return LegendRows.Entry.of(LegendRows.Swatch.LINE, colour, text, PlotFrame.TEXT);
    }

    /**
     * The current threshold: at the circuit's own (FPR, TPR). Under ACDC's convention that point can lie below
     * the Pareto curve; the label says so rather than snapping it onto the curve. The label goes beside the point
     * wherever it covers no other text, and is left out where it would.
     */
    private static void cursor(LabelLayout l, PlotFrame f, RocFigure fig) {
        RocPoint p = fig.point();
        if (p == null) {
            return;
        }
        RocCurve roc = fig.eap();
        double px = f.x(p.fpr());
        double py = f.y(p.tpr());
        l.circle(px, py, 5, CURSOR);
        boolean onCurve = fig.cursor() >= 0 && fig.cursor() < roc.size() && roc.fpr()[fig.cursor()] == p.fpr()
                && roc.tpr()[fig.cursor()] == p.tpr();
        String label = String.format(Locale.ROOT, "%s: %d edges, TPR %.3f, FPR %.4f%s", fig.pointLabel(), p.keptEdges(), p.tpr(), p.fpr(),
                onCurve || fig.cursor() < 0 ? "" : " (below the Pareto curve)");
        int start = Anchor.START.ordinal();
        int end = Anchor.END.ordinal();
        l.place(label, PlotFrame.FONT, CURSOR, LabelLayout.Kind.LABEL, new double[] {px + 8, py + 14, start}, new double[] {px - 8, py + 14, end},
                new double[] {px + 8, py - 14, start}, new double[] {px - 8, py - 14, end}, new double[] {px + 8, py + 28, start},
                new double[] {px - 8, py + 28, end});
    }

    /**
     * Joins a curve's points from (0, 0) to (1, 1): straight segments under auto-circuit's convention (the
     * trapezoids it integrates), steps under ACDC's (each rise in TPR at its FPR: the pessimistic area).
     */
    static void curve(LabelLayout c, PlotFrame f, RocCurve k, Rgba color, double w) {
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
