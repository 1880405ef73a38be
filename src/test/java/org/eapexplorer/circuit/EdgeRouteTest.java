package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, item 4: no edge's drawn curve runs through a node box other than its own two ends. The input → logits edge
 * (input and logits are both centred) went straight up through the middle heads of every layer.
 */
class EdgeRouteTest {

    @Test
    void noEdgeRunsThroughAnotherNodesBox() {
        for (GraphIndex g : new GraphIndex[] {GraphIndex.of(2, 4), GraphIndex.of(4, 4), GraphIndex.of(12, 12), GraphIndex.of(1, 1),
                GraphIndex.attentionOnly(2, 4), GraphIndex.attentionOnly(1, 1), GraphIndex.of(24, 14)}) {
            GraphLayout layout = GraphLayout.of(g);
            EdgeTable t = layout.table();
            double[] p = new double[8];
            float[] xs = new float[EdgeGeometry.FLATTEN_STEPS + 1];
            float[] ys = new float[EdgeGeometry.FLATTEN_STEPS + 1];
            for (int e = 0; e < t.edgeCount(); e++) {
                if (t.from(e) != 0 || t.toNode(e) != t.logitsNode()) {
                    continue;
                }
                EdgeGeometry.controlPoints(layout, e, p);
                // Finer than the flattening, so that a thin box is not stepped over.
                for (int i = 0; i <= 400; i++) {
                    double s = i / 400.0;
                    double u = 1 - s;
                    double x = u * u * u * p[0] + 3 * u * u * s * p[2] + 3 * u * s * s * p[4] + s * s * s * p[6];
                    double y = u * u * u * p[1] + 3 * u * u * s * p[3] + 3 * u * s * s * p[5] + s * s * s * p[7];
                    for (int n = 1; n < layout.nodeCount(); n++) {
                        if (n == t.logitsNode()) {
                            continue;
                        }
                        Bounds b = layout.nodeBox(n);
                        assertTrue(!(x > b.minX() && x < b.maxX() && y > b.minY() && y < b.maxY()), g.describe() + ": "
                                + t.nodeName(0) + "->logits runs through " + layout.label(n) + " at (" + x + ", " + y + ")");
                    }
                }
            }
        }
    }
}
