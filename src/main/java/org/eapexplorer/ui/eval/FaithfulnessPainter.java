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
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * Normalised faithfulness against the number of kept edges on a log axis (x = log₁₀(1 + k), labelled in k),
 * with a cursor at the current threshold's kept-edge count.
 */
public final class FaithfulnessPainter {

    static final Rgba LINE = ChartColours.series(0);
    static final Rgba CURSOR = ChartColours.MARK;

    private FaithfulnessPainter() {
    }

    static double logX(double k) {
        return Math.log10(1 + k);
    }

    /** Edge counts to mark on the log axis: 0, then 1, 10, 100 … up to {@code max}, with 2 and 5 between while few. */
    static int[] edgeTicks(int max) {
        java.util.List<Integer> out = new java.util.ArrayList<>(java.util.List.of(0));
        int decades = (int) Math.floor(Math.log10(Math.max(1, max)));
        for (long k = 1; k <= max; k *= 10) {
            for (int m : decades <= 3 ? new int[] {1, 2, 5} : new int[] {1}) {
                if (k * m <= max) {
                    out.add((int) (k * m));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param method       the name of the method whose top-k edges make the circuits, "EAP-IG (inputs)"
     * @param keptEdges    the current threshold's edge count, where the cursor goes
     * @param shownInstead what the graph shows instead of the threshold's circuit (a search's circuit), or null
     */
    public static void paint(GraphCanvas c, FaithfulnessCurve f, String method, int keptEdges, String shownInstead,
                             double width, double height) {
        paint(new LabelLayout(c), f, method, keptEdges, shownInstead, width, height);
    }

    public static void paint(LabelLayout l, FaithfulnessCurve f, String method, int keptEdges, String shownInstead,
                             double width, double height) {
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (f == null) {
            l.text(width / 2, height / 2, l.fit("Press “Compute” to run the circuits of the top-k edges", 13, width - 8), 13, Anchor.MIDDLE,
                    PlotFrame.MUTED, LabelLayout.Kind.LABEL);
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
        FaithfulnessReading reading = shownInstead == null ? FaithfulnessReading.at(f, keptEdges) : null;
        List<LegendRows.Entry> legend = new ArrayList<>();
        if (reading == null) {
            // The graph shows a circuit a search found, not one of these top-k circuits: no cursor pretends it is.
            legend.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "The graph shows " + shownInstead
                    + ", not one of " + method + "'s top-k circuits: it has no point on this curve", CURSOR));
        }
        legend.add(LegendRows.Entry.of(LegendRows.Swatch.LINE, LINE, method + "'s top-k circuits", PlotFrame.TEXT));
        if (reading != null) {
            legend.add(LegendRows.Entry.of(LegendRows.Swatch.DOT, CURSOR, "threshold: " + reading.describe(), CURSOR));
        }
        legend.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, String.format(Locale.ROOT, "metric: full %s, empty %s",
                PlotFrame.format(f.metricFull()), PlotFrame.format(f.metricEmpty())), PlotFrame.MUTED));
        frame = frame.legend(l, legend);
        if (!frame.usable()) {
            return;
        }
        int[] counts = edgeTicks(f.edgeCounts()[f.size() - 1]);
        double[] ticks = new double[counts.length];
        String[] labels = new String[counts.length];
        for (int i = 0; i < counts.length; i++) {
            ticks[i] = logX(counts[i]);
            labels[i] = String.format(Locale.ROOT, "%,d", counts[i]);
        }
        frame.axes(l, "edges kept (log scale)", "normalised faithfulness (0 = empty, 1 = full model)", ticks, labels);
        c.line(frame.left(), frame.y(1), frame.right(), frame.y(1), PlotFrame.MUTED, 1);
        c.line(frame.left(), frame.y(0), frame.right(), frame.y(0), PlotFrame.MUTED, 1);
        for (int i = 1; i < f.size(); i++) {
            l.line(frame.x(logX(f.edgeCounts()[i - 1])), frame.y(f.normalized(i - 1)), frame.x(logX(f.edgeCounts()[i])),
                    frame.y(f.normalized(i)), LINE, 2);
        }
        for (int i = 0; i < f.size(); i++) {
            l.circle(frame.x(logX(f.edgeCounts()[i])), frame.y(f.normalized(i)), 2.5, LINE);
        }
        if (reading != null) {
            double cx = frame.x(Math.min(logX(keptEdges), xMax));
            l.line(cx, frame.top(), cx, frame.bottom(), CURSOR, 1.5);
            l.circle(frame.x(Math.min(logX(reading.edges()), xMax)), frame.y(reading.normalized()), 5, CURSOR);
        }
    }
}
