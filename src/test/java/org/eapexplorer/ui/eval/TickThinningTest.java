package org.eapexplorer.ui.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eapexplorer.circuit.TextWidths;
import org.eapexplorer.ui.RecordingCanvas;
import org.eapexplorer.ui.patching.PlotFrame;
import org.junit.jupiter.api.Test;

/** Issue 12, item 2: x tick labels are thinned by their measured widths, so that no two run into each other. */
class TickThinningTest {

    /** The labels on the x tick row, measured by {@link TextWidths}, keep at least a few pixels apart. */
    private static void assertApart(RecordingCanvas c, double row, String what) {
        List<RecordingCanvas.Text> ticks = c.texts.stream().filter(t -> Math.abs(t.y() - row) < 1)
                .sorted((a, b) -> Double.compare(a.x(), b.x())).toList();
        assertTrue(ticks.size() >= 2, what + ": " + ticks.size() + " ticks");
        for (int i = 1; i < ticks.size(); i++) {
            double rightOfLast = ticks.get(i - 1).x() + TextWidths.of(ticks.get(i - 1).text(), PlotFrame.FONT) / 2;
            double leftOfThis = ticks.get(i).x() - TextWidths.of(ticks.get(i).text(), PlotFrame.FONT) / 2;
            assertTrue(leftOfThis - rightOfLast >= 6, what + ": \"" + ticks.get(i - 1).text() + "\" and \"" + ticks.get(i).text()
                    + "\" are " + (leftOfThis - rightOfLast) + " px apart");
        }
    }

    @Test
    void roundTicksThinToTheirLabelsWidths() {
        for (double[] range : new double[][] {{10_000, 52_000}, {-0.0123, 0.0456}, {0, 1}, {-14.3, 14.3}}) {
            PlotFrame f = PlotFrame.of(range[0], range[1], 0, 1, 64 + 20 + 150, 300);
            RecordingCanvas c = new RecordingCanvas();
            f.axes(c, "x", "y");
            assertApart(c, f.bottom() + 13, "range " + range[0] + " to " + range[1] + " over 150 px");
        }
    }

    @Test
    void givenTicksOnALogAxisThinToTheirLabelsWidths() {
        int[] counts = {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 32491};
        double[] metric = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            metric[i] = i / (double) counts.length;
        }
        RecordingCanvas c = new RecordingCanvas();
        FaithfulnessPainter.paint(c, new org.eapexplorer.eval.FaithfulnessCurve(counts, metric, 1, 0), "EAP", 36, null, 200, 300);
        assertApart(c, 300 - 36 + 13, "faithfulness' edge counts over 116 px");
    }
}
