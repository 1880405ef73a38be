package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.junit.jupiter.api.Test;

/** The layout helper the charts place their text through: boxes, placement, cutting, legend rows. */
class LabelLayoutTest {

    private static final Rgba INK = Rgba.hex("#000000");

    @Test
    void aLabelGoesToTheFirstCandidateThatCoversNoTextNorData() {
        LabelLayout l = LabelLayout.measuring();
        l.text(100, 50, "taken", 11, Anchor.START, INK, LabelLayout.Kind.LABEL);
        l.line(0, 80, 400, 80, INK, 2);
        int start = Anchor.START.ordinal();
        LabelLayout.Box b = l.place("label", 11, INK, LabelLayout.Kind.LABEL, new double[] {100, 52, start}, new double[] {100, 80, start},
                new double[] {100, 110, start});
        assertNotNull(b);
        assertEquals(110 - 5.5, b.y(), 1e-9, "not on the text, not on the line: the third place");
        LabelLayout.Box onLine = l.place("label", 11, INK, LabelLayout.Kind.LABEL, new double[] {100, 52, start}, new double[] {200, 80, start});
        assertEquals(80 - 5.5, onLine.y(), 1e-9, "a label may cross data when nothing else is free");
        assertNull(l.place("legend", 11, INK, LabelLayout.Kind.LEGEND, new double[] {300, 80, start}), "a legend never sits on data");
    }

    @Test
    void textIsCutWithAnEllipsisToItsRoom() {
        LabelLayout l = LabelLayout.measuring();
        String cut = l.fit("a0.h1->a1.h2<q>   EAP 0.123   exact(1) 0.456", 11, 80);
        assertTrue(cut.endsWith("…") && l.width(cut, 11) <= 80, cut);
        assertEquals("short", l.fit("short", 11, 80));
    }

    @Test
    void legendRowsCountWhatDoesNotFitAndKeepTheFirstEntries() {
        LabelLayout l = LabelLayout.measuring();
        List<LegendRows.Entry> entries = List.of(
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "The graph shows ACDC (KL) τ 0.01, not one of EAP's top-k circuits", INK),
                LegendRows.Entry.of(LegendRows.Swatch.LINE, INK, "EAP's top-k circuits", INK),
                LegendRows.Entry.of(LegendRows.Swatch.NONE, null, "metric: full 14.28, empty −14.31", INK));
        LegendRows rows = LegendRows.flow(l, entries, 11, 200, 1);
        assertEquals(1, rows.rowCount());
        assertFalse(rows.fitsWhole(entries));
        Recorded r = new Recorded();
        LabelLayout drawn = new LabelLayout(r);
        rows.draw(drawn, 0, 10);
        assertTrue(r.texts.get(0).startsWith("The graph shows") && r.texts.get(0).endsWith("…"), r.texts.toString());
        assertEquals("+2 more", r.texts.get(r.texts.size() - 1));
        for (LabelLayout.Box b : drawn.boxes()) {
            assertTrue(b.x() + b.width() <= 200 + 1e-9, "inside the band: " + b);
        }
    }

    /** Keeps the texts drawn. */
    static final class Recorded extends BlankCanvas {
        final java.util.List<String> texts = new java.util.ArrayList<>();

        @Override
        public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
            texts.add(text);
        }
    }
}
