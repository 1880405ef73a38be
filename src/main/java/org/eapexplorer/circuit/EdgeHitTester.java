package org.eapexplorer.circuit;

import java.util.OptionalInt;

/**
 * Finds the kept edge under a point, for hover and click. Build one per painted circuit (same layout and style,
 * so curves are tested as drawn) and query it on every mouse move.
 *
 * <p>A linear scan with a bounding-box reject: the edges' drawn polylines are flattened once into flat float
 * arrays, and a query touches only the boxes around the point. For 2,000 edges that is tens of microseconds,
 * so a spatial grid would add code without a visible gain (PaintBenchmark measures it).
 */
public final class EdgeHitTester {

    /** Kept edges, strongest first, so that among equally near edges the stronger (drawn on top) wins. */
    private final int[] edges;
    private final float[] minX;
    private final float[] minY;
    private final float[] maxX;
    private final float[] maxY;
    private final float[] halfWidth;
    private final float[] xs;
    private final float[] ys;
    private final int stride;

    private EdgeHitTester(GraphLayout layout, Circuit circuit, PaintStyle style) {
        if (!EdgeTable.sameShape(layout.graph(), circuit.graph())) {
            throw new IllegalArgumentException("layout and circuit are for different graphs");
        }
        int n = circuit.edgeCount();
        edges = new int[n];
        minX = new float[n];
        minY = new float[n];
        maxX = new float[n];
        maxY = new float[n];
        halfWidth = new float[n];
        stride = EdgeGeometry.pointsPerEdge(style.curved());
        xs = new float[n * stride];
        ys = new float[n * stride];
        double max = circuit.maxKeptAbs();
        double[] p = new double[8];
        ScoreRanking ranking = circuit.ranking();
        int i = 0;
        for (int rank = 0; rank < circuit.rankLimit(); rank++) {
            int e = ranking.edgeAt(rank);
            if (!circuit.hasEdge(e)) {
                continue;
            }
            edges[i] = e;
            halfWidth[i] = (float) (style.edgeWidth(max > 0 ? ranking.absAt(rank) / max : 0) / 2);
            EdgeGeometry.controlPoints(layout, e, p);
            EdgeGeometry.flatten(p, style.curved(), xs, ys, i * stride);
            float x0 = Float.POSITIVE_INFINITY;
            float y0 = Float.POSITIVE_INFINITY;
            float x1 = Float.NEGATIVE_INFINITY;
            float y1 = Float.NEGATIVE_INFINITY;
            for (int k = i * stride; k < (i + 1) * stride; k++) {
                x0 = Math.min(x0, xs[k]);
                y0 = Math.min(y0, ys[k]);
                x1 = Math.max(x1, xs[k]);
                y1 = Math.max(y1, ys[k]);
            }
            minX[i] = x0;
            minY[i] = y0;
            maxX[i] = x1;
            maxY[i] = y1;
            i++;
        }
    }

    public static EdgeHitTester of(GraphLayout layout, Circuit circuit, PaintStyle style) {
        return new EdgeHitTester(layout, circuit, style);
    }

    public int size() {
        return edges.length;
    }

    /**
     * The kept edge whose drawn stroke is nearest to (x, y), if that stroke is within {@code tolerance} layout
     * units; ties go to the stronger edge. A window converts a pixel tolerance with {@code pixels / zoom}.
     */
    public OptionalInt edgeAt(double x, double y, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        }
        int best = -1;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < edges.length; i++) {
            double reach = tolerance + halfWidth[i];
            if (x < minX[i] - reach || x > maxX[i] + reach || y < minY[i] - reach || y > maxY[i] + reach) {
                continue;
            }
            double gap = Math.sqrt(distanceSquared(i, x, y)) - halfWidth[i];
            if (gap <= tolerance && gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(edges[best]);
    }

    /** Squared distance from the point to polyline i. */
    private double distanceSquared(int i, double px, double py) {
        double best = Double.POSITIVE_INFINITY;
        int from = i * stride;
        for (int k = from; k < from + stride - 1; k++) {
            best = Math.min(best, segmentDistanceSquared(px, py, xs[k], ys[k], xs[k + 1], ys[k + 1]));
        }
        return best;
    }

    static double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = ax + t * dx - px;
        double ey = ay + t * dy - py;
        return ex * ex + ey * ey;
    }
}
