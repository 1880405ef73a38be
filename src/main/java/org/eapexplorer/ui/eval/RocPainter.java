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
import org.eapexplorer.ui.charts.SeriesStyles;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * The paper's Figure 2: EAP's ROC curve against a reference circuit beside ACDC's (one point per τ, the curve
 * through the Pareto ones), TPR against FPR, the diagonal, each AUC in the legend, and the threshold's point.
 */
public final class RocPainter {

    static final Rgba CURSOR = ChartColours.MARK;

    /** One curve of the figure: its name (which keeps its style, {@link SeriesStyles}), legend text and points. */
    private record Series(String key, String legend, RocCurve curve, double width, AcdcCurve acdc) {
    }

    /** The figure's curves in drawing order, the shown set's last (on top). */
    private static List<Series> series(RocFigure fig) {
        RocCurve roc = fig.eap();
        List<Series> out = new ArrayList<>();
        String shown = fig.shownName() == null ? fig.method() + " edges" : fig.shownName();
        if (fig.nodes() != null) {
            out.add(new Series("nodes", legend(fig.method(), "nodes", fig.nodes()), fig.nodes(), 1.5, null));
        }
        for (AcdcCurve a : fig.acdc()) {
            out.add(new Series(a.label(), legend(a) + "   (" + a.points().size() + " τ)", a.curve(), 1.5, a));
        }
        if (fig.patching() != null) {
            out.add(new Series("Activation patching", legendOf("Activation patching", fig.patching())
                    + (fig.patchedEdges() < roc.keptEdges()[roc.size() - 1] ? "   (top " + fig.patchedEdges() + " edges)" : ""),
                    fig.patching(), 1.5, null));
        }
        for (ScoreSetCurve s : fig.sets()) {
            out.add(new Series(s.name(), legend(s), s.curve(), 1.5, null));
        }
        out.add(new Series(shown, fig.shownName() == null ? legend(fig.method(), "edges", roc) : legendOf(fig.shownName(), roc) + "   (shown)", roc, 2.5,
                null));
        return out;
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
        List<Series> series = series(fig);
        List<SeriesStyles.Style> styles = styles(fig, series);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            SeriesStyles.Style style = styles.get(i);
            curve(l, f, s.curve(), style, s.width());
            if (s.acdc() != null) {
                for (RocPoint p : s.acdc().points()) {
                    l.circle(f.x(p.fpr()), f.y(p.tpr()), 3.5, style.colour());
                }
            }
        }
        cursor(l, f, fig);
    }

    /** Each curve's style by its name, the same for the window and an export of the same figure. */
    private static List<SeriesStyles.Style> styles(RocFigure fig, List<Series> series) {
        // Asked in the legend's order (the shown set first), so that a first figure's shown set takes the first style.
        List<String> keys = new ArrayList<>(series.stream().map(Series::key).toList());
        java.util.Collections.reverse(keys);
        List<SeriesStyles.Style> styles = new ArrayList<>(fig.styles().assign(keys));
        java.util.Collections.reverse(styles);
        return styles;
    }

    /** One entry per curve, the shown one first, then where the truth came from and the convention. */
    private static List<LegendRows.Entry> legend(RocFigure fig) {
        List<Series> series = series(fig);
        List<SeriesStyles.Style> styles = styles(fig, series);
        List<LegendRows.Entry> out = new ArrayList<>();
        for (int i = series.size() - 1; i >= 0; i--) {
            SeriesStyles.Style style = styles.get(i);
            out.add(LegendRows.Entry.line(style.colour(), style.dash().pattern(), series.get(i).legend(), PlotFrame.TEXT));
        }
        out.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "truth: " + fig.source() + "   " + fig.eap().convention().description(),
                PlotFrame.MUTED));
        return out;
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
    static void curve(LabelLayout c, PlotFrame f, RocCurve k, SeriesStyles.Style style, double w) {
        Rgba color = style.colour();
        org.eapexplorer.circuit.DashedLine d = new org.eapexplorer.circuit.DashedLine(style.dash().pattern(),
                (x1, y1, x2, y2) -> c.line(x1, y1, x2, y2, color, w));
        boolean steps = k.convention() == org.eapexplorer.eval.RocConvention.ACDC;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i <= k.size(); i++) {
            double x = i < k.size() ? k.fpr()[i] : 1;
            double y = i < k.size() ? k.tpr()[i] : 1;
            if (steps) {
                d.to(f.x(lastX), f.y(lastY), f.x(x), f.y(lastY));
                d.to(f.x(x), f.y(lastY), f.x(x), f.y(y));
            } else {
                d.to(f.x(lastX), f.y(lastY), f.x(x), f.y(y));
            }
            lastX = x;
            lastY = y;
        }
    }
}
