package org.eapexplorer.ui.eval;

import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * Normalised faithfulness against the number of kept edges on a log axis (x = log₁₀(1 + k), labelled in k),
 * with a cursor at the current threshold's kept-edge count.
 */
public final class FaithfulnessPainter {

    static final Rgba LINE = Rgba.hex("#1F77B4");
    static final Rgba CURSOR = Rgba.hex("#FF7F0E");

    private FaithfulnessPainter() {
    }

    static double logX(double k) {
        return Math.log10(1 + k);
    }

    /**
     * @param keptEdges    the current threshold's edge count, where the cursor goes
     * @param shownInstead what the graph shows instead of the threshold's circuit (a search's circuit), or null
     */
    public static void paint(GraphCanvas c, FaithfulnessCurve f, int keptEdges, String shownInstead, double width,
                             double height) {
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (f == null) {
            c.text(width / 2, height / 2, "Press “Compute” to run the circuits of the top-k edges", 13, Anchor.MIDDLE,
                    PlotFrame.MUTED);
            return;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < f.size(); i++) {
            double v = f.normalized(i);
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double xMax = logX(f.edgeCounts()[f.size() - 1]);
        PlotFrame frame = PlotFrame.of(0, xMax, lo, hi, width, height);
        if (!frame.usable()) {
            return;
        }
        frame.axes(c, "edges kept (log scale: x = log₁₀(1 + edges))", "normalised faithfulness (0 = empty, 1 = full model)");
        // Edge counts along the top, where the log axis puts them.
        for (int k = 1; k <= f.edgeCounts()[f.size() - 1]; k *= 10) {
            double px = frame.x(logX(k));
            c.line(px, frame.top(), px, frame.top() + 4, PlotFrame.AXIS, 1);
            c.text(px, frame.top() + 13, Integer.toString(k), PlotFrame.FONT, Anchor.MIDDLE, PlotFrame.MUTED);
        }
        c.line(frame.left(), frame.y(1), frame.right(), frame.y(1), PlotFrame.MUTED, 1);
        c.line(frame.left(), frame.y(0), frame.right(), frame.y(0), PlotFrame.MUTED, 1);
        for (int i = 1; i < f.size(); i++) {
            c.line(frame.x(logX(f.edgeCounts()[i - 1])), frame.y(f.normalized(i - 1)), frame.x(logX(f.edgeCounts()[i])),
                    frame.y(f.normalized(i)), LINE, 2);
        }
        for (int i = 0; i < f.size(); i++) {
            c.fillCircle(frame.x(logX(f.edgeCounts()[i])), frame.y(f.normalized(i)), 2.5, LINE);
        }
        if (shownInstead != null) {
            // The graph shows a circuit a search found, not one of these top-k circuits: no cursor pretends it is.
            c.text(frame.left() + 6, frame.top() + 26, "The graph shows " + shownInstead
                    + ", not one of EAP's top-k circuits: it has no point on this curve", PlotFrame.FONT, Anchor.START, CURSOR);
        } else {
            FaithfulnessReading reading = FaithfulnessReading.at(f, keptEdges);
            double cx = frame.x(Math.min(logX(keptEdges), xMax));
            c.line(cx, frame.top(), cx, frame.bottom(), CURSOR, 1.5);
            c.fillCircle(frame.x(Math.min(logX(reading.edges()), xMax)), frame.y(reading.normalized()), 5, CURSOR);
            boolean right = cx > (frame.left() + frame.right()) / 2;
            c.text(right ? cx - 6 : cx + 6, frame.bottom() - 28, "threshold: " + reading.describe(), PlotFrame.FONT,
                    right ? Anchor.END : Anchor.START, CURSOR);
        }
        c.text(frame.right() - 4, frame.bottom() - 10, String.format(Locale.ROOT, "metric: full %s, empty %s",
                PlotFrame.format(f.metricFull()), PlotFrame.format(f.metricEmpty())), PlotFrame.FONT, Anchor.END, PlotFrame.MUTED);
    }
}
