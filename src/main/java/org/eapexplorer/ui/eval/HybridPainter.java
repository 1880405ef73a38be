package org.eapexplorer.ui.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.charts.ChartColours;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * The EAP→ACDC hybrid as the paper draws it: on the left Youden's J of every (EAP size, τ) cell as a heat map
 * beside EAP alone (Figure 8), the best cell outlined; on the right each cell's (FPR, TPR) over EAP's own ROC
 * curve, zoomed to where the cells lie (Figure 5 and its inset).
 */
public final class HybridPainter {

    /** ColorBrewer's Purples for J: blue and red mean a score's sign elsewhere in the window. */
    static final Rgba LOW = Rgba.hex("#FCFBFD");
    static final Rgba HIGH = Rgba.hex("#3F007D");
    static final Rgba BEST = ChartColours.MARK;
    static final Rgba EAP = ChartColours.series(0);
    /** One colour per τ, light to dark as τ grows (more pruning). */
    static final Rgba[] TAU = ChartColours.sequence(10);

    private HybridPainter() {
    }

    /** @param method the name of the method whose top-k edges ACDC started from, "EAP-IG (inputs)" */
    public static void paint(GraphCanvas c, HybridFigure fig, String method, String problem, double width, double height) {
        paint(new LabelLayout(c), fig, method, problem, width, height);
    }

    public static void paint(LabelLayout l, HybridFigure fig, String method, String problem, double width, double height) {
        l.canvas().fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (fig == null) {
            l.text(width / 2, height / 2, l.fit(problem == null ? "No hybrid grid: press “Run hybrid”." : problem, 13, width - 8), 13,
                    Anchor.MIDDLE, PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            return;
        }
        double split = Math.floor(width * 0.52);
        heatMap(l, fig, method, 0, split, height);
        scatter(l.shifted(split, 0), fig, method, width - split, height);
    }

    /** Colour of J between the grid's lowest and highest J. */
    static Rgba shade(double j, double lo, double hi) {
        double t = hi > lo ? (j - lo) / (hi - lo) : 1;
        return LOW.mix(HIGH, Math.max(0, Math.min(1, t)));
    }

    private static void heatMap(LabelLayout l, HybridFigure fig, String method, double x0, double x1, double height) {
        GraphCanvas c = l.canvas();
        HybridGrid.Result g = fig.grid();
        int rows = g.eapEdges().length;
        int cols = g.taus().length + 1;
        double left = x0 + 78;
        double top = 52;
        double cellW = Math.max(20, (x1 - 16 - left) / cols);
        double cellH = Math.max(18, Math.min(46, (height - top - 40) / rows));
        l.text(x0 + 12, 16, l.fit(String.format(Locale.ROOT, "Youden's J = TPR − FPR   (ACDC %s on %s's top-k edges; truth: %s)",
                fig.score() == org.eapexplorer.eval.AcdcScore.KL ? "KL" : "task metric", method, fig.truthSource()), PlotFrame.FONT, x1 - x0 - 24),
                PlotFrame.FONT, Anchor.START, PlotFrame.TEXT, LabelLayout.Kind.LEGEND);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            double eapJ = g.eapOnlyTpr()[i] - g.eapOnlyFpr()[i];
            lo = Math.min(lo, eapJ);
            hi = Math.max(hi, eapJ);
            for (HybridGrid.Cell cell : g.cells()[i]) {
                lo = Math.min(lo, cell.youdenJ());
                hi = Math.max(hi, cell.youdenJ());
            }
        }
        // Column heads as many as keep apart (narrow cells name every other τ); "top-k" over the row heads where it fits.
        // The method is named in the title above: "EAP-IG (inputs) only" would not fit a cell.
        String[] heads = new String[cols];
        double[] headX = new double[cols];
        heads[0] = "alone";
        headX[0] = left + cellW / 2;
        for (int j = 0; j < g.taus().length; j++) {
            heads[j + 1] = "τ " + AcdcSweep.plain(g.taus()[j]);
            headX[j + 1] = left + (j + 1.5) * cellW;
        }
        boolean[] kept = PlotFrame.spacedLabels(l, headX, heads, PlotFrame.FONT, 6);
        for (int j = 0; j < cols; j++) {
            if (kept[j]) {
                l.text(headX[j], top - 10, heads[j], PlotFrame.FONT, Anchor.MIDDLE, PlotFrame.TEXT, LabelLayout.Kind.LABEL);
            }
        }
        l.place("top-k", PlotFrame.FONT, PlotFrame.MUTED, LabelLayout.Kind.LABEL, new double[] {x0 + 12, top - 10, Anchor.START.ordinal()});
        HybridGrid.Cell best = g.best();
        for (int i = 0; i < rows; i++) {
            double y = top + i * cellH;
            l.text(left - 8, y + cellH / 2, String.format(Locale.ROOT, "%,d", g.eapEdges()[i]), PlotFrame.FONT, Anchor.END, PlotFrame.TEXT,
                    LabelLayout.Kind.LABEL);
            cell(l, left, y, cellW, cellH, g.eapOnlyTpr()[i] - g.eapOnlyFpr()[i], g.eapEdges()[i], lo, hi);
            for (int j = 0; j < g.taus().length; j++) {
                HybridGrid.Cell cell = g.cells()[i][j];
                double x = left + (j + 1) * cellW;
                cell(l, x, y, cellW, cellH, cell.youdenJ(), cell.keptEdges(), lo, hi);
                if (cell == best) {
                    c.strokeRect(x + 1.5, y + 1.5, cellW - 3, cellH - 3, BEST, 3);
                }
            }
        }
        double below = top + rows * cellH + 18;
        if (best != null && below + PlotFrame.FONT / 2 <= height) {
            l.text(x0 + 12, below, l.fit(String.format(Locale.ROOT, "best: %s top %,d then ACDC τ %s → %,d edges, TPR %.3f, FPR %.4f, J %.3f",
                    method, best.eapEdges(), AcdcSweep.plain(best.tau()), best.keptEdges(), best.tpr(), best.fpr(), best.youdenJ()), PlotFrame.FONT,
                    x1 - x0 - 24), PlotFrame.FONT, Anchor.START, BEST, LabelLayout.Kind.LEGEND);
        }
    }

    /** A cell with its J (and kept edges where tall enough) written in it, smaller or not at all where the cell is too narrow. */
    private static void cell(LabelLayout l, double x, double y, double w, double h, double j, int edges, double lo, double hi) {
        Rgba fill = shade(j, lo, hi);
        l.canvas().fillRect(x, y, w - 1, h - 1, fill);
        double t = hi > lo ? (j - lo) / (hi - lo) : 1;
        Rgba ink = t > 0.55 ? Rgba.hex("#FFFFFF") : PlotFrame.TEXT;
        boolean twoLines = h >= 30;
        String value = String.format(Locale.ROOT, "%.3f", j);
        double size = l.width(value, PlotFrame.FONT) <= w - 5 ? PlotFrame.FONT : l.width(value, 9) <= w - 5 ? 9 : 0;
        if (size > 0) {
            l.text(x + w / 2, y + h / 2 - (twoLines ? 6 : 0), value, size, Anchor.MIDDLE, ink, LabelLayout.Kind.LABEL);
        }
        String count = String.format(Locale.ROOT, "%,d e", edges);
        if (twoLines && l.width(count, 9) <= w - 5) {
            l.text(x + w / 2, y + h / 2 + 8, count, 9, Anchor.MIDDLE, ink, LabelLayout.Kind.LABEL);
        }
    }

    /** The right panel, drawn from its own origin. */
    private static void scatter(LabelLayout l, HybridFigure fig, String method, double width, double height) {
        GraphCanvas c = l.canvas();
        HybridGrid.Result g = fig.grid();
        double maxFpr = 0;  // zoomed on the hybrid's cells, as the paper's inset; EAP's own points beyond are left out
        for (int i = 0; i < g.eapEdges().length; i++) {
            for (HybridGrid.Cell cell : g.cells()[i]) {
                maxFpr = Math.max(maxFpr, cell.fpr());
            }
        }
        double xMax = 1;
        for (double nice : new double[] {0.02, 0.05, 0.1, 0.25, 0.5}) {  // round numbers keep the ticks few
            if (maxFpr * 1.1 <= nice) {
                xMax = nice;
                break;
            }
        }
        PlotFrame f = PlotFrame.of(0, xMax, 0, 1.02, width, height);
        if (!f.usable()) {
            return;
        }
        List<LegendRows.Entry> legend = new ArrayList<>();
        legend.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "each cell's circuit over " + method + "'s ROC curve (residual edges)", PlotFrame.TEXT));
        legend.add(LegendRows.Entry.of(LegendRows.Swatch.LINE, EAP, String.format(Locale.ROOT, "%s alone (AUC %.3f; ■ its top-k)",
                method, fig.eapRoc().auc()), PlotFrame.TEXT));
        for (int j = 0; j < g.taus().length; j++) {
            legend.add(LegendRows.Entry.of(LegendRows.Swatch.DOT, tauColor(j, g.taus().length), method + " → ACDC τ " + AcdcSweep.plain(g.taus()[j]),
                    PlotFrame.TEXT));
        }
        f = f.legend(l, legend);
        if (!f.usable()) {
            return;
        }
        f.axes(l, xMax < 1 ? String.format(Locale.ROOT, "false positive rate (zoom: 0 to %s)", PlotFrame.format(xMax))
                : "false positive rate", "true positive rate");
        clippedCurve(l, f, fig.eapRoc(), xMax);
        for (int i = 0; i < g.eapEdges().length; i++) {
            if (g.eapOnlyFpr()[i] <= xMax) {
                l.rect(f.x(g.eapOnlyFpr()[i]) - 3.5, f.y(g.eapOnlyTpr()[i]) - 3.5, 7, 7, EAP);
            }
            for (int j = 0; j < g.taus().length; j++) {
                HybridGrid.Cell cell = g.cells()[i][j];
                l.circle(f.x(cell.fpr()), f.y(cell.tpr()), 4, tauColor(j, g.taus().length));
            }
        }
        HybridGrid.Cell best = g.best();
        if (best != null) {
            l.circle(f.x(best.fpr()), f.y(best.tpr()), 7, BEST.withAlpha(0.45));
        }
    }

    /** The j-th of n thresholds' colour, spread over the palette. */
    static Rgba tauColor(int j, int n) {
        return TAU[Math.min(j * TAU.length / Math.max(1, n), TAU.length - 1)];
    }

    /** EAP's curve up to FPR xMax: the segment that crosses it is cut there, since the canvas does not clip. */
    private static void clippedCurve(LabelLayout c, PlotFrame f, RocCurve k, double xMax) {
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i <= k.size(); i++) {
            double x = i < k.size() ? k.fpr()[i] : 1;
            double y = i < k.size() ? k.tpr()[i] : 1;
            if (x > xMax) {
                double yCut = x == lastX ? y : lastY + (y - lastY) * (xMax - lastX) / (x - lastX);
                c.line(f.x(lastX), f.y(lastY), f.x(xMax), f.y(yCut), EAP, 2);
                return;
            }
            c.line(f.x(lastX), f.y(lastY), f.x(x), f.y(y), EAP, 2);
            lastX = x;
            lastY = y;
        }
    }
}
