package org.eapexplorer.ui.eval;

import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.ui.patching.PlotFrame;

/** The EAP ROC curve against a reference circuit: TPR against FPR, the diagonal, AUC in the legend, the threshold's point. */
public final class RocPainter {

    static final Rgba EDGES = Rgba.hex("#1F77B4");
    static final Rgba NODES = Rgba.hex("#2CA02C");
    static final Rgba CURSOR = Rgba.hex("#FF7F0E");

    private RocPainter() {
    }

    /** The legend line of a curve, e.g. "EAP edges   AUC 0.912". */
    public static String legend(String level, RocCurve c) {
        return String.format(Locale.ROOT, "EAP %s   AUC %.3f", level, c.auc());
    }

    public static void paint(GraphCanvas c, RocCurve roc, RocCurve nodes, int cursor, String source, double width,
                             double height) {
        paint(c, roc, nodes, cursor, source, null, width, height);
    }

    public static void paint(GraphCanvas c, RocCurve roc, RocCurve nodes, int cursor, String source, String problem,
                             double width, double height) {
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (roc == null) {
            c.text(width / 2, height / 2, problem == null ? "No ROC curve" : problem, 13, Anchor.MIDDLE, PlotFrame.MUTED);
            return;
        }
        PlotFrame f = PlotFrame.of(0, 1, 0, 1, width, height);
        if (!f.usable()) {
            return;
        }
        f.axes(c, "false positive rate", "true positive rate");
        c.line(f.x(0), f.y(0), f.x(1), f.y(1), PlotFrame.MUTED, 1);
        if (nodes != null) {
            curve(c, f, nodes, NODES, 1.5);
        }
        curve(c, f, roc, EDGES, 2);
        if (cursor >= 0 && cursor < roc.size()) {
            double px = f.x(roc.fpr()[cursor]);
            double py = f.y(roc.tpr()[cursor]);
            c.fillCircle(px, py, 5, CURSOR);
            boolean right = px > (f.left() + f.right()) / 2;
            c.text(right ? px - 8 : px + 8, py + 14, String.format(Locale.ROOT, "threshold: %d edges, TPR %.3f, FPR %.4f",
                    roc.keptEdges()[cursor], roc.tpr()[cursor], roc.fpr()[cursor]), PlotFrame.FONT,
                    right ? Anchor.END : Anchor.START, CURSOR);
        }
        double ly = f.bottom() - 12 - (nodes == null ? 0 : 15) - 15;
        c.text(f.right() - 8, ly, "truth: " + source + "   " + roc.convention().description(), PlotFrame.FONT,
                Anchor.END, PlotFrame.MUTED);
        ly += 15;
        legendLine(c, f, ly, EDGES, legend("edges", roc));
        if (nodes != null) {
            legendLine(c, f, ly + 15, NODES, legend("nodes", nodes));
        }
    }

    private static void legendLine(GraphCanvas c, PlotFrame f, double y, Rgba color, String text) {
        c.line(f.right() - 190, y, f.right() - 172, y, color, 2);
        c.text(f.right() - 168, y, text, PlotFrame.FONT, Anchor.START, PlotFrame.TEXT);
    }

    /** auto-circuit's curve joins its points; ACDC's Pareto points are joined as steps. */
    private static void curve(GraphCanvas c, PlotFrame f, RocCurve k, Rgba color, double w) {
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < k.size(); i++) {
            double x = k.fpr()[i];
            double y = k.tpr()[i];
            c.line(f.x(lastX), f.y(lastY), f.x(x), f.y(y), color, w);
            lastX = x;
            lastY = y;
        }
        c.line(f.x(lastX), f.y(lastY), f.x(1), f.y(1), color, w);
    }
}
