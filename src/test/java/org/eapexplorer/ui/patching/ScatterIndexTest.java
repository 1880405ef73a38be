package org.eapexplorer.ui.patching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The grid finds what a scan of every point finds: the nearest point to the pointer, and the points in a brush. */
class ScatterIndexTest {

    private static PatchScatter scatter(int n, long seed) {
        Random r = new Random(seed);
        int[] edges = new int[n];
        double[] eap = new double[n];
        double[] patched = new double[n];
        for (int i = 0; i < n; i++) {
            edges[i] = i;
            // Heavy-tailed, as real scores are: most points in a few pixels, a few far out.
            eap[i] = r.nextGaussian() * Math.exp(2 * r.nextGaussian()) * 1e-3;
            patched[i] = i % 7 == 0 ? eap[i] : eap[i] * 0.6 + r.nextGaussian() * 1e-3;
        }
        return PatchScatter.of(edges, eap, patched);
    }

    @Test
    void nearestAndInsideAgreeWithAScanOfEveryPoint() {
        double w = 640;
        double h = 410;
        PatchScatter s = scatter(5000, 11);
        PlotFrame f = ScatterPainter.frame(s, w, h);
        ScatterIndex index = ScatterIndex.of(s, f, w, h);
        Random r = new Random(5);
        for (int trial = 0; trial < 400; trial++) {
            double x = r.nextDouble() * w;
            double y = r.nextDouble() * h;
            double radius = trial % 2 == 0 ? 6 : 20;
            int scan = -1;
            double best = radius * radius;
            for (int i = 0; i < s.size(); i++) {
                double dx = f.x(s.eap()[i]) - x;
                double dy = f.y(s.patched()[i]) - y;
                if (dx * dx + dy * dy < best || (dx * dx + dy * dy == best && scan < 0)) {
                    best = dx * dx + dy * dy;
                    scan = i;
                }
            }
            assertEquals(scan, index.nearest(x, y, radius), "pointer at " + x + ", " + y);

            double x1 = r.nextDouble() * w;
            double y1 = r.nextDouble() * h;
            double lx = Math.min(x, x1);
            double hx = Math.max(x, x1);
            double ly = Math.min(y, y1);
            double hy = Math.max(y, y1);
            int[] inside = IntStream.range(0, s.size()).filter(i -> {
                double px = f.x(s.eap()[i]);
                double py = f.y(s.patched()[i]);
                return px >= lx && px <= hx && py >= ly && py <= hy;
            }).toArray();
            assertArrayEquals(inside, index.inside(x1, y1, x, y), "brush " + lx + ", " + ly + " – " + hx + ", " + hy);
        }
    }

    @Test
    void aBrushOverTheWholeChartHoldsEveryPoint() {
        PatchScatter s = scatter(32491, 3);
        PlotFrame f = ScatterPainter.frame(s, 900, 520);
        ScatterIndex index = ScatterIndex.of(s, f, 900, 520);
        assertEquals(32491, index.inside(-10, -10, 910, 530).length);
    }
}
