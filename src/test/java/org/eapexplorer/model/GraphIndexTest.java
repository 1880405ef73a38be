package org.eapexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphIndexTest {

    @Test
    void gpt2SmallHasTheEapToolsCounts() {
        GraphIndex g = GraphIndex.of(12, 12);
        assertEquals(157, g.upstreamCount());
        assertEquals(445, g.receiverCount());
        assertEquals(32_491, g.edgeCount());
    }

    /** Enumeration against the rule "u feeds v iff u is written before v reads", evaluated pair by pair. */
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 3", "3, 2", "4, 8", "12, 12", "24, 16"})
    void everyEdgeAndOnlyEdgesAreEnumerated(int layers, int heads) {
        GraphIndex g = GraphIndex.of(layers, heads);
        int count = 0;
        Set<String> names = new HashSet<>();
        for (int r = 0; r < g.receiverCount(); r++) {
            Receiver receiver = g.receivers().get(r);
            for (int u = 0; u < g.upstreamCount(); u++) {
                NodeId up = g.upstream().get(u);
                if (writtenBeforeRead(up, receiver)) {
                    int e = g.edgeIndex(u, r);
                    assertEquals(up.name() + "->" + receiver.name(), g.edgeName(e));
                    assertEquals(r, g.receiverOf(e));
                    assertEquals(u, g.upstreamOf(e));
                    assertEquals(e, g.edgeIndex(g.edgeName(e)).getAsInt());
                    assertTrue(names.add(g.edgeName(e)));
                    count++;
                } else {
                    assertTrue(g.edgeIndex(up.name() + "->" + receiver.name()).isEmpty(), up.name() + "->" + receiver.name());
                }
            }
        }
        assertEquals(count, g.edgeCount());
        assertEquals(GraphIndex.expectedEdgeCount(layers, heads), g.edgeCount());
    }

    private static boolean writtenBeforeRead(NodeId up, Receiver receiver) {
        int upLayer = up.layer();
        NodeId v = receiver.node();
        if (v instanceof NodeId.Logits) {
            return true;
        }
        if (v instanceof NodeId.Mlp mlp) {
            return upLayer < mlp.layer() || (upLayer == mlp.layer() && up instanceof NodeId.Head);
        }
        return upLayer < v.layer();
    }

    @Test
    void namesFollowTheEapConvention() {
        GraphIndex g = GraphIndex.of(3, 4);
        assertTrue(g.edgeIndex("input->a0.h1<q>").isPresent());
        assertTrue(g.edgeIndex("a0.h1->a2.h3<k>").isPresent());
        assertTrue(g.edgeIndex("a1.h3->m1").isPresent());
        assertTrue(g.edgeIndex("m0->logits").isPresent());
        assertFalse(g.edgeIndex("a1.h0->a1.h2<q>").isPresent(), "heads of one layer do not feed each other");
        assertFalse(g.edgeIndex("m1->m1").isPresent());
        assertFalse(g.edgeIndex("a0.h4->logits").isPresent(), "no head 4");
        assertFalse(g.edgeIndex("a0.h1->a2.h3").isPresent(), "heads receive through q/k/v");
        assertFalse(g.edgeIndex("nonsense").isPresent());
        assertEquals("a2.h3<v>", g.receivers().get(g.receiverIndex(2, Qkv.V, 3)).name());
        assertEquals("m2", g.receivers().get(g.mlpReceiverIndex(2)).name());
        assertEquals("a1.h2", g.upstream().get(g.upstreamIndex(1, 2)).name());
        assertEquals("m1", g.upstream().get(g.mlpUpstreamIndex(1)).name());
    }

    @Test
    void nodeNamesParse() {
        assertEquals(new NodeId.Head(10, 7), NodeId.parse("a10.h7", 12));
        assertEquals(new NodeId.Mlp(3), NodeId.parse("m3", 12));
        assertEquals(new NodeId.Input(), NodeId.parse("input", 12));
        assertThrows(IllegalArgumentException.class, () -> NodeId.parse("a10.7", 12));
        assertThrows(IllegalArgumentException.class, () -> NodeId.parse("mx", 12));
    }
}
