package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class AcdcSweepTest {

    @Test
    void thresholdsParseSortedAndBadOnesAreNamed() {
        assertArrayEquals(new double[] {0.001, 0.01, 0.1}, AcdcSweep.parseTaus(" 0.1, 1e-3 0.01"), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AcdcSweep.parseTaus("0.1, x"));
        assertTrue(e.getMessage().contains("\"x\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AcdcSweep.parseTaus("  "));
        assertThrows(IllegalArgumentException.class, () -> AcdcSweep.parseTaus("-1"));
        assertThrows(IllegalArgumentException.class, () -> AcdcSweep.parseTaus("NaN"));
    }

    @Test
    void thresholdsPrintAsWritten() {
        assertEquals("0.0001", AcdcSweep.plain(1e-4));
        assertEquals("0.00316", AcdcSweep.plain(3.16e-3));
        assertEquals("3", AcdcSweep.plain(3));
        assertEquals("0", AcdcSweep.plain(0));
    }

    @Test
    void aCircuitsPointIsTheOneItsCurveIsDrawnThrough() {
        GraphIndex g = GraphIndex.of(2, 2);
        BitSet truth = new BitSet();
        truth.set(3);
        truth.set(g.edgeCount() - 1);
        BitSet direct = new BitSet();
        direct.set(0);
        BitSet kept = new BitSet();
        kept.set(3);
        kept.set(7);
        kept.set(g.edgeCount() - 2);
        for (RocConvention c : RocConvention.values()) {
            RocPoint p = EdgeRoc.point(g, kept, truth, direct, c);
            RocCurve one = EdgeRoc.circuits(g, List.of(kept), new double[] {0.5}, truth, direct, c);
            boolean found = false;
            for (int i = 0; i < one.size(); i++) {
                found |= one.fpr()[i] == p.fpr() && one.tpr()[i] == p.tpr() && one.keptEdges()[i] == p.keptEdges();
            }
            assertTrue(found, c + ": " + p);
        }
        RocPoint auto = EdgeRoc.point(g, kept, truth, direct, RocConvention.AUTO_CIRCUIT);
        assertEquals(0.5, auto.tpr(), 0);
        assertEquals(2.0 / (g.edgeCount() - 2), auto.fpr(), 1e-15);
    }
}
