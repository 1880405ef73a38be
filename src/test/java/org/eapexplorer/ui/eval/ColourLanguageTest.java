package org.eapexplorer.ui.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.RecordingCanvas;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.charts.HistogramPainter;
import org.eapexplorer.ui.patching.CurvePainter;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.patching.ScatterPainter;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 5: red and blue mean a score's sign and nothing else. Membership of a circuit (histogram bars,
 * scatter points) is grey, and cursors, thresholds and the curves of methods or edges use other hues.
 */
class ColourLanguageTest {

    private static final PaintStyle GRAPH = PaintStyle.defaults();
    private static final List<Rgba> SIGN = List.of(GRAPH.positive(), GRAPH.positiveWeak(), GRAPH.negative(), GRAPH.negativeWeak());
    private static final float[] SCORES = {-3f, -1.5f, -0.2f, -0.05f, 0.01f, 0.03f, 0.2f, 0.9f, 2.5f, -0.7f};

    private static void assertNoSignColour(String what, List<Rgba> colours) {
        for (Rgba c : colours) {
            assertFalse(RecordingCanvas.looksLikeSign(c, SIGN), what + " uses " + c.toHex() + ", which reads as a sign colour");
        }
    }

    @Test
    void theSignColoursAreTheGraphsRedAndBlue() {
        assertTrue(RecordingCanvas.looksLikeSign(Rgba.hex("#B2182B"), SIGN));
        assertTrue(RecordingCanvas.looksLikeSign(Rgba.hex("#2166AC"), SIGN));
        assertFalse(RecordingCanvas.looksLikeSign(Rgba.hex("#404040"), SIGN), "greys are never sign colours");
    }

    @Test
    void theHistogramShowsReferenceMembershipInGreysAndLabelsItsCountAxis() {
        BitSet reference = new BitSet();
        reference.set(0, 4);
        Histogram h = Histogram.split(SCORES, reference, "in reference circuit", "not in it", 21);
        RecordingCanvas c = new RecordingCanvas();
        HistogramPainter.paint(c, h, 0.5, 900, 220);
        assertNoSignColour("the histogram's bars", c.fills);
        assertNoSignColour("the histogram's lines", c.strokes);
        assertTrue(c.texts.stream().anyMatch(t -> t.text().contains("edges per bin")), "the count axis has a title: " + c.texts);
    }

    @Test
    void theScatterShowsCircuitMembershipInGreys() {
        int[] edges = {0, 1, 2, 3, 4, 5};
        double[] eap = {-1, -0.5, 0.1, 0.4, 0.8, 1.2};
        PatchScatter s = PatchScatter.of(edges, eap, new double[] {-0.9, -0.6, 0.05, 0.5, 0.7, 1.0});
        BitSet inCircuit = new BitSet();
        inCircuit.set(0, 3);
        RecordingCanvas c = new RecordingCanvas();
        ScatterPainter.paint(c, s, "EAP", inCircuit, 2, null, 800, 400);
        assertNoSignColour("the scatter's points", c.fills);
    }

    @Test
    void curvesCursorsAndMarksAreNeverSignColoured() {
        List<Rgba> marks = new ArrayList<>(List.of(RocPainter.CURSOR,
                FaithfulnessPainter.LINE, FaithfulnessPainter.CURSOR, HybridPainter.BEST, HybridPainter.EAP, HybridPainter.HIGH));
        for (int i = 0; i < 30; i++) {
            marks.add(org.eapexplorer.ui.charts.SeriesStyles.slot(i).colour());
        }
        marks.addAll(List.of(HybridPainter.TAU));
        assertNoSignColour("ROC, faithfulness and hybrid", marks);

        List<LambdaCurve> curves = new ArrayList<>();
        double[] lambdas = {0, 0.5, 1};
        for (int i = 0; i < 6; i++) {
            curves.add(new LambdaCurve(i, "e" + i, 0.1 * i, lambdas, new double[] {0, 0.05 * i, 0.09 * i}));
        }
        RecordingCanvas c = new RecordingCanvas();
        CurvePainter.paint(c, curves, 800, 400);
        assertNoSignColour("the λ-curves", c.strokes);
    }
}
