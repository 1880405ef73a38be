package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.Qkv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphLayoutTest {

    @ParameterizedTest
    @CsvSource({"1,1,false", "2,3,false", "12,12,false", "4,16,false", "1,1,true", "4,8,true", "3,1,true"})
    void everyNodeLiesInsideTheBoundsAndNoBoxesOverlap(int layers, int heads, boolean attnOnly) {
        GraphLayout layout = GraphLayout.of(GraphIndex.of(layers, heads, attnOnly));
        assertEquals(layers * (heads + (attnOnly ? 0 : 1)) + 2, layout.nodeCount());
        for (int a = 0; a < layout.nodeCount(); a++) {
            Bounds box = layout.nodeBox(a);
            assertTrue(layout.bounds().contains(box), layout.label(a) + " outside");
            for (int b = a + 1; b < layout.nodeCount(); b++) {
                Bounds other = layout.nodeBox(b);
                boolean overlap = box.minX() < other.maxX() && other.minX() < box.maxX()
                        && box.minY() < other.maxY() && other.minY() < box.maxY();
                assertFalse(overlap, layout.label(a) + " overlaps " + layout.label(b));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,false", "2,3,false", "12,12,false", "4,8,true"})
    void layersGoStrictlyUpwardFromInputToLogits(int layers, int heads, boolean attnOnly) {
        GraphIndex g = GraphIndex.of(layers, heads, attnOnly);
        GraphLayout layout = GraphLayout.of(g);
        EdgeTable t = layout.table();
        assertEquals(0, layout.level(0));
        assertEquals(2 * layers + 1, layout.level(t.logitsNode()));
        for (int a = 0; a < layout.nodeCount(); a++) {
            for (int b = 0; b < layout.nodeCount(); b++) {
                if (layout.level(a) < layout.level(b)) {
                    // y grows downwards: a higher level is strictly above, box and all.
                    assertTrue(layout.nodeBox(a).minY() > layout.nodeBox(b).maxY(), layout.label(a) + " vs " + layout.label(b));
                } else if (layout.level(a) == layout.level(b)) {
                    assertEquals(layout.centerY(a), layout.centerY(b));
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h + 1 < heads; h++) {
                assertTrue(layout.centerX(g.upstreamIndex(l, h)) < layout.centerX(g.upstreamIndex(l, h + 1)), "heads in order");
            }
        }
        for (int e = 0; e < g.edgeCount(); e++) {
            assertTrue(layout.startY(e) > layout.endY(e), "every edge goes up: " + g.edgeName(e));
        }
    }

    @ParameterizedTest
    @CsvSource({"2,3,false", "12,12,false", "4,8,true"})
    void portsAreDistinctAndOnTheBottomOfTheirNode(int layers, int heads, boolean attnOnly) {
        GraphIndex g = GraphIndex.of(layers, heads, attnOnly);
        GraphLayout layout = GraphLayout.of(g);
        Set<String> points = new HashSet<>();
        for (int r = 0; r < g.receiverCount(); r++) {
            int node = layout.table().nodeOfReceiver(r);
            Bounds box = layout.nodeBox(node);
            assertEquals(box.maxY(), layout.portY(r));
            assertTrue(layout.portX(r) > box.minX() && layout.portX(r) < box.maxX());
            assertTrue(points.add(layout.portX(r) + "," + layout.portY(r)), "port of " + g.receivers().get(r).name() + " is shared");
        }
        int head = g.upstreamIndex(layers - 1, heads - 1);
        double q = layout.portX(g.receiverIndex(layers - 1, Qkv.Q, heads - 1));
        double k = layout.portX(g.receiverIndex(layers - 1, Qkv.K, heads - 1));
        double v = layout.portX(g.receiverIndex(layers - 1, Qkv.V, heads - 1));
        assertTrue(q < k && k < v, "q, k, v left to right");
        assertEquals(layout.centerX(head), k);
        assertEquals(layout.nodeBox(head).minY(), layout.outputY(head));
    }

    @ParameterizedTest
    @CsvSource({"1,1,false", "12,12,false", "4,8,true"})
    void nodeAtFindsEachNodeAtItsCentreAndNothingInTheMargin(int layers, int heads, boolean attnOnly) {
        GraphLayout layout = GraphLayout.of(GraphIndex.of(layers, heads, attnOnly));
        for (int n = 0; n < layout.nodeCount(); n++) {
            assertEquals(n, layout.nodeAt(layout.centerX(n), layout.centerY(n)).orElseThrow());
        }
        assertTrue(layout.nodeAt(1, 1).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void anAttentionOnlyLayoutHasNoRoomForMlps() {
        GraphLayout withMlps = GraphLayout.of(GraphIndex.of(4, 8));
        GraphLayout without = GraphLayout.of(GraphIndex.attentionOnly(4, 8));
        double lastHeadRight = without.nodeBox(without.graph().upstreamIndex(3, 7)).maxX();
        assertEquals(lastHeadRight + GraphLayout.MARGIN, without.bounds().maxX(), 1e-9);
        assertTrue(without.bounds().maxX() < withMlps.bounds().maxX());
        assertEquals(withMlps.bounds().maxY(), without.bounds().maxY(), 1e-9, "the same rows");
    }

    /** Layer bands touch, stack upwards with the layers, and each holds its layer's heads and MLP. */
    @org.junit.jupiter.api.Test
    void layerBandsHoldTheirLayersHeadsAndMlp() {
        org.eapexplorer.model.GraphIndex g = org.eapexplorer.model.GraphIndex.of(3, 4);
        GraphLayout layout = GraphLayout.of(g);
        for (int l = 0; l < 3; l++) {
            Bounds band = layout.layerBand(l);
            for (int node : new int[] {g.upstreamIndex(l, 0), g.upstreamIndex(l, 3), g.mlpUpstreamIndex(l)}) {
                Bounds box = layout.nodeBox(node);
                org.junit.jupiter.api.Assertions.assertTrue(band.minY() < box.minY() && box.maxY() < band.maxY(),
                        layout.label(node) + " in layer " + l + "'s band");
            }
            if (l > 0) {
                org.junit.jupiter.api.Assertions.assertEquals(layout.layerBand(l - 1).minY(), band.maxY(), 1e-9, "bands touch");
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(layout.layerBand(2).minY() > layout.nodeBox(layout.table().logitsNode()).maxY(),
                "logits above the last band");
    }
}
