package org.eapexplorer.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.ui.RecordingCanvas;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.charts.HistogramPainter;
import org.eapexplorer.ui.patching.PlotFrame;
import org.junit.jupiter.api.Test;

/** Issue 17, item 7: round axis ticks with one precision per axis; the faithfulness axis counts edges. */
class AxisNumbersTest {

    private static int decimals(String label) {
        int dot = label.indexOf('.');
        return dot < 0 ? 0 : label.length() - dot - 1;
    }

    private static void assertRoundAndAlike(List<String> labels) {
        assertTrue(labels.size() >= 3, "ticks: " + labels);
        int d = decimals(labels.get(0));
        for (String l : labels) {
            assertEquals(d, decimals(l), "one precision on an axis: " + labels);
            double v = Double.parseDouble(l.replace('−', '-'));
            double step = Math.abs(Double.parseDouble(labels.get(1).replace('−', '-')) - Double.parseDouble(labels.get(0).replace('−', '-')));
            assertEquals(0, Math.IEEEremainder(v, step), 1e-9 * Math.max(1, Math.abs(v)), "round ticks: " + labels);
        }
    }

    @Test
    void theHistogramsScoreAxisHasRoundTicks() {
        float[] scores = {-3.7399f, -1.2f, -0.3f, 0f, 0.02f, 0.2f, 1.1f};
        Histogram h = Histogram.of(scores, 41);
        RecordingCanvas c = new RecordingCanvas();
        HistogramPainter.paint(c, h, Double.NaN, 900, 200);
        double tickRow = 200 - 34 + 13;
        List<String> labels = c.textsAt(tickRow);
        assertRoundAndAlike(labels);
        assertTrue(labels.contains("0") || labels.contains("0.0") || labels.contains("0.00"), labels.toString());
    }

    @Test
    void plotAxesUseOnePrecisionPerAxis() {
        for (double[] range : new double[][] {{0, 1}, {-0.37, 0.52}, {0, 2.5}, {-14.3, 14.3}, {0.001, 0.0042}}) {
            PlotFrame f = PlotFrame.of(range[0], range[1], range[0], range[1], 900, 300);
            RecordingCanvas c = new RecordingCanvas();
            f.axes(c, "x", "y");
            assertRoundAndAlike(c.textsAt(f.bottom() + 13));
        }
    }

    @Test
    void theFaithfulnessAxisIsInEdgeCounts() {
        int[] counts = {0, 1, 2, 4, 8, 16, 32, 64, 110};
        double[] metric = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            metric[i] = -1 + 2.0 * i / (counts.length - 1);
        }
        FaithfulnessCurve f = new FaithfulnessCurve(counts, metric, 1, -1);
        RecordingCanvas c = new RecordingCanvas();
        FaithfulnessPainter.paint(c, f, "EAP", 36, null, 900, 300);
        List<String> bottom = c.textsAt(300 - 36 + 13);
        assertFalse(bottom.isEmpty());
        for (String l : bottom) {
            assertTrue(l.matches("\\d[\\d,]*"), "the x axis is labelled in edge counts: " + bottom);
        }
        assertTrue(bottom.containsAll(List.of("0", "1", "10", "100")), bottom.toString());
    }
}
