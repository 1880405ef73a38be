package org.eapexplorer.circuit;

/**
 * The drawn shape of an edge, shared by the painter and the hit tester so that what is clicked is what is drawn.
 * Curves leave and enter vertically (control points straight above the start and below the end), the usual
 * look of layered graphs: edges into neighbouring ports separate near their ends.
 */
final class EdgeGeometry {

    /** Segments a curve is flattened into for hit testing: error well under a line width at our sizes. */
    static final int FLATTEN_STEPS = 16;

    private EdgeGeometry() {
    }

    /** Fills {@code out} with x1, y1, c1x, c1y, c2x, c2y, x2, y2 of an edge (layout units). */
    static void controlPoints(GraphLayout layout, int edge, double[] out) {
        double x1 = layout.startX(edge);
        double y1 = layout.startY(edge);
        double x2 = layout.endX(edge);
        double y2 = layout.endY(edge);
        double bend = Math.max(12, 0.5 * Math.abs(y1 - y2));
        out[0] = x1;
        out[1] = y1;
        out[2] = x1;
        out[3] = y1 - bend;
        out[4] = x2;
        out[5] = y2 + bend;
        out[6] = x2;
        out[7] = y2;
    }

    /** Points of the drawn polyline into {@code xs}/{@code ys} from {@code at}; returns how many were written. */
    static int flatten(double[] p, boolean curved, float[] xs, float[] ys, int at) {
        if (!curved) {
            xs[at] = (float) p[0];
            ys[at] = (float) p[1];
            xs[at + 1] = (float) p[6];
            ys[at + 1] = (float) p[7];
            return 2;
        }
        for (int i = 0; i <= FLATTEN_STEPS; i++) {
            double t = i / (double) FLATTEN_STEPS;
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double c = 3 * u * t * t;
            double d = t * t * t;
            xs[at + i] = (float) (a * p[0] + b * p[2] + c * p[4] + d * p[6]);
            ys[at + i] = (float) (a * p[1] + b * p[3] + c * p[5] + d * p[7]);
        }
        return FLATTEN_STEPS + 1;
    }

    static int pointsPerEdge(boolean curved) {
        return curved ? FLATTEN_STEPS + 1 : 2;
    }
}
