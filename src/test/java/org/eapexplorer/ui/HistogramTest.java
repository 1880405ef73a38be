package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.BitSet;
import org.eapexplorer.ui.charts.Histogram;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void binsSignedScoresSymmetricallyAndSkipsNonFinite() {
        float[] scores = {-2f, -1f, 0f, 0.3f, 2f, Float.NaN};
        Histogram h = Histogram.of(scores, 5);
        assertEquals(-2, h.min());
        assertEquals(2, h.max());
        Histogram.Series all = h.series().get(0);
        assertEquals(5, all.total());
        assertEquals(5, Arrays.stream(all.counts()).sum());
        assertEquals(2, all.counts()[h.binOf(0)], "0 and 0.3 share the middle bin [-0.4, 0.4)");
        assertEquals(1, all.counts()[4], "the maximum falls in the last bin");
        assertEquals(-0.14, all.mean(), 1e-6);
    }

    @Test
    void twoSeriesSplitByAReferenceCircuitWithTheirMoments() {
        float[] scores = {1f, 3f, -1f, -3f};
        BitSet in = new BitSet();
        in.set(0);
        in.set(1);
        Histogram h = Histogram.split(scores, in, "in circuit", "not in circuit", 9);
        assertEquals(2, h.series().size());
        assertEquals(2.0, h.series().get(0).mean(), 1e-9);
        assertEquals(1.0, h.series().get(0).std(), 1e-9);
        assertEquals(-2.0, h.series().get(1).mean(), 1e-9);
        assertEquals("not in circuit", h.series().get(1).name());
    }
}
