package org.eapexplorer.ui.eval;

import java.util.ArrayList;
import java.util.List;
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
        for (int i = 0; i < fig.sets().size(); i++) {
            curve(c, f, fig.sets().get(i).curve(), setColour(i), 1.5);
        }
        curve(c, f, roc, EDGES, 2);
        cursor(c, f, fig);

        List<Rgba> colours = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        colours.add(EDGES);
        texts.add(fig.shownName() == null ? legend("edges", roc) : legendOf(fig.shownName(), roc) + "   (shown)");
        for (int i = 0; i < fig.sets().size(); i++) {
            colours.add(setColour(i));
            texts.add(legend(fig.sets().get(i)));
        }
        if (fig.nodes() != null) {
            colours.add(NODES);
            texts.add(legend("nodes", fig.nodes()));
        }
        if (fig.patching() != null) {
            colours.add(PATCHING);
            texts.add(legendOf("Activation patching", fig.patching())
                    + (fig.patchedEdges() < fig.eap().keptEdges()[fig.eap().size() - 1] ? "   (top " + fig.patchedEdges() + " edges)" : ""));
        }
        for (int i = 0; i < fig.acdc().size(); i++) {
            AcdcCurve a = fig.acdc().get(i);
            colours.add(ACDC[Math.min(i, ACDC.length - 1)]);
            texts.add(legend(a) + "   (" + a.points().size() + " τ)");
        }
        // Bottom right, under the diagonal where ROC curves do not go, and wide enough for the longest name (set
        // names run to 60 characters): the block's left edge moves left rather than its text past the frame.
        int longest = 0;
        for (String t : texts) {
            longest = Math.max(longest, t.length());
        }
        double textLeft = Math.max(f.left() + 30, f.right() - 8 - longest * CHAR_WIDTH);
        double ly = f.bottom() - 12 - 15 * texts.size();
        c.text(f.right() - 8, ly, "truth: " + fig.source() + "   " + roc.convention().description(), PlotFrame.FONT,
                Anchor.END, PlotFrame.MUTED);
        for (int i = 0; i < texts.size(); i++) {
            ly += 15;
            c.line(textLeft - 22, ly, textLeft - 4, ly, colours.get(i), 2);
            c.text(textLeft, ly, texts.get(i), PlotFrame.FONT, Anchor.START, PlotFrame.TEXT);
        }
    }

    /** A generous average advance of the plot font (11 px), so that legends sized by it end inside the frame. */
    static final double CHAR_WIDTH = 6.4;

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
