package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.Random;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class EdgeHitTesterTest {

    private static final GraphIndex G = GraphIndex.of(3, 4);

    @Test
    void straightEdgesAgreeWithBruteForceSegmentDistance() {
        GraphLayout layout = GraphLayout.of(G);
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 9)), 80);
        PaintStyle style = PaintStyle.defaults().withCurved(false);
        EdgeHitTester hits = EdgeHitTester.of(layout, c, style);
        assertEquals(80, hits.size());
        double max = c.maxKeptAbs();
        Random rnd = new Random(1);
        Bounds b = layout.bounds();
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            double x = b.minX() + rnd.nextDouble() * b.width();
            double y = b.minY() + rnd.nextDouble() * b.height();
            double bestGap = Double.POSITIVE_INFINITY;
            for (int e : c.edges().toArray()) {
                double half = style.edgeWidth(Math.abs(c.scores().score(e)) / max) / 2;
                double d = Math.sqrt(EdgeHitTester.segmentDistanceSquared(x, y, layout.startX(e), layout.startY(e),
                        layout.endX(e), layout.endY(e))) - half;
                bestGap = Math.min(bestGap, d);
            }
            OptionalInt hit = hits.edgeAt(x, y, 4);
            assertEquals(bestGap <= 4, hit.isPresent(), "at " + x + "," + y);
            if (hit.isPresent()) {
                found++;
                int e = hit.getAsInt();
                double half = style.edgeWidth(Math.abs(c.scores().score(e)) / max) / 2;
                double d = Math.sqrt(EdgeHitTester.segmentDistanceSquared(x, y, layout.startX(e), layout.startY(e),
                        layout.endX(e), layout.endY(e))) - half;
                assertEquals(bestGap, d, 1e-3, "nearest edge");
            }
        }
        assertTrue(found > 50, "the sample should hit some edges, hit " + found);
    }

    @Test
    void aPointOnACurveFindsThatCurve() {
        GraphLayout layout = GraphLayout.of(G);
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 2)), 1);
        int e = c.edges().findFirst().orElseThrow();
        EdgeHitTester hits = EdgeHitTester.of(layout, c, PaintStyle.defaults());
        double[] p = new double[8];
        EdgeGeometry.controlPoints(layout, e, p);
        // Bézier midpoint: (P0 + 3 P1 + 3 P2 + P3) / 8, which is not on the straight chord unless the edge is vertical.
        double mx = (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8;
        double my = (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8;
        assertEquals(e, hits.edgeAt(mx, my, 0.5).orElseThrow());
        assertTrue(hits.edgeAt(layout.bounds().maxX(), layout.bounds().maxY(), 4).isEmpty());
    }

    @Test
    void anEmptyCircuitHitsNothing() {
        Circuit c = Circuit.atLeast(ScoreRanking.of(Fixtures.random(G, 2)), 1e9);
        assertTrue(EdgeHitTester.of(GraphLayout.of(G), c, PaintStyle.defaults()).edgeAt(100, 100, 50).isEmpty());
    }
}
