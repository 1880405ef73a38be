package org.eapexplorer.ui.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.ui.RecordingCanvas;
import org.junit.jupiter.api.Test;

/** MIB's chart names each area with its ranking, labels MIB's fractions, and keeps red and blue for signs. */
class MibPainterTest {

    @Test
    void theLegendNamesCprAndCmdWithTheirRankingsInNonSignColours() {
        double[] x = MibCircuitMetrics.FRACTIONS;
        int[] counts = MibCircuitMetrics.edgeCounts(110);
        double[] m = new double[x.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = 0.1 * i;
        }
        FaithfulnessCurve c = new FaithfulnessCurve(counts, m, 0.9, 0);
        double[] f = new MibCurve("signed", x, c, 0).faithfulness();
        MibMetrics mib = new MibMetrics(new MibCurve("signed", x, c, MibCircuitMetrics.areaUnder(x, f)),
                new MibCurve("absolute", x, c, MibCircuitMetrics.areaFromOne(x, f)));
        RecordingCanvas canvas = new RecordingCanvas();
        MibPainter.paint(canvas, mib, 600, 400);
        List<String> texts = canvas.texts.stream().map(RecordingCanvas.Text::text).toList();
        assertTrue(texts.contains(String.format(Locale.ROOT, "signed ranking: CPR = area under f = %.4f", mib.cpr().area())), texts.toString());
        assertTrue(texts.contains(String.format(Locale.ROOT, "absolute ranking: CMD = area of |1 − f| = %.4f", mib.cmd().area())),
                texts.toString());
        assertTrue(texts.containsAll(List.of("0.1 %", "0.2 %", "0.5 %", "1 %", "2 %", "5 %", "10 %", "20 %", "50 %", "100 %")), texts.toString());
        PaintStyle g = PaintStyle.defaults();
        List<Rgba> sign = List.of(g.positive(), g.positiveWeak(), g.negative(), g.negativeWeak());
        for (Rgba colour : canvas.strokes) {
            assertFalse(RecordingCanvas.looksLikeSign(colour, sign), colour.toHex() + " reads as a sign colour");
        }
    }
}
