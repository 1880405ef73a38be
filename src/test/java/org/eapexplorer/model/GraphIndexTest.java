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

    /**
     * GPT-NeoX's parallel block (Pythia), as EAP-IG's Graph numbers it with parallel_attn_mlp: m{l}'s prev_index is
     * 1 + l(H+1), the q/k/v's of its layer, so no a{l}.h* → m{l} edges. Pythia-70m (6 × 8): 3,580 edges, 48 fewer than
     * the sequential 3,628 (one per head).
     */
    @Test
    void aParallelBlockGivesTheMlpNoEdgeFromItsOwnLayersHeads() {
        GraphIndex parallel = GraphIndex.of(6, 8, false, true);
        GraphIndex sequential = GraphIndex.of(6, 8);
        assertTrue(parallel.parallel());
        assertEquals(3_580, parallel.edgeCount());
        assertEquals(3_628, sequential.edgeCount());
        assertEquals(3_580, GraphIndex.expectedEdgeCount(6, 8, false, true));
        for (int l = 0; l < 6; l++) {
            assertEquals(1 + l * 9, parallel.fanIn(parallel.mlpReceiverIndex(l)), "m" + l + " reads what layer " + l + "'s q/k/v read");
            assertEquals(1 + l * 9 + 8, sequential.fanIn(sequential.mlpReceiverIndex(l)));
        }
        assertTrue(parallel.edgeIndex("a2.h7->m3").isPresent());
        assertFalse(parallel.edgeIndex("a3.h0->m3").isPresent());
        assertTrue(parallel.edgeIndex("m2->a3.h0<q>").isPresent());
        assertEquals(parallel.upstreamCount(), sequential.upstreamCount());
        assertEquals(parallel.receiverCount(), sequential.receiverCount());
        assertThrows(IllegalArgumentException.class, () -> GraphIndex.of(2, 2, true, true), "a parallel block needs an MLP");
    }

    /**
     * The README's counts: grouped-query attention does not change the graph (every query head has its own k and v
     * receivers), so Qwen2.5-0.5B (24 × 14 query heads) and Llama-3.2-1B (16 × 32) follow GPT-2's rule.
     */
    @ParameterizedTest
    @CsvSource({"24, 14, 179749", "16, 32, 386713", "12, 12, 32491"})
    void sequentialFamiliesFollowGpt2sRule(int layers, int heads, int edges) {
        assertEquals(edges, GraphIndex.of(layers, heads).edgeCount());
        assertEquals(edges, GraphIndex.expectedEdgeCount(layers, heads, false, false));
    }

    /**
     * ACDC's attn-only-4l (docstring task) in the layout of /work/shared/tasks/graph_layout.json, key "attn-only-4l":
     * 33 upstream nodes (input, then a{l}.h0..h7 per layer), 97 receivers (per layer the q inputs of the 8 heads, then
     * k, then v; logits last), prev_index 1, 9, 17, 25 for the q/k/v of layers 0..3 and 33 for logits; 1,281 edges.
     */
    @Test
    void attnOnly4lHasTheSharedLayout() {
        GraphIndex g = GraphIndex.attentionOnly(4, 8);
        assertTrue(g.attnOnly());
        assertEquals(33, g.upstreamCount());
        assertEquals(97, g.receiverCount());
        assertEquals(1281, g.edgeCount());
        assertEquals(1281, GraphIndex.expectedEdgeCount(4, 8, true));
        assertEquals("input", g.upstream().get(0).name());
        assertEquals("a0.h0", g.upstream().get(1).name());
        assertEquals("a1.h0", g.upstream().get(9).name());
        assertEquals("a3.h7", g.upstream().get(32).name());
        assertEquals("a0.h0<q>", g.receivers().get(0).name());
        assertEquals("a0.h0<k>", g.receivers().get(8).name());
        assertEquals("a0.h7<v>", g.receivers().get(23).name());
        assertEquals("a1.h0<q>", g.receivers().get(24).name());
        assertEquals("a3.h7<v>", g.receivers().get(95).name());
        assertEquals("logits", g.receivers().get(96).name());
        int[] prevIndexOfLayer = {1, 9, 17, 25};
        for (int r = 0; r < 96; r++) {
            int layer = r / 24;
            Qkv qkv = Qkv.values()[r % 24 / 8];
            assertEquals(new Receiver(new NodeId.Head(layer, r % 8), qkv), g.receivers().get(r));
            assertEquals(r, g.receiverIndex(layer, qkv, r % 8));
            assertEquals(prevIndexOfLayer[layer], g.fanIn(r), g.receivers().get(r).name());
        }
        assertEquals(33, g.fanIn(96));
        for (int u = 1; u < 33; u++) {
            assertEquals(new NodeId.Head((u - 1) / 8, (u - 1) % 8), g.upstream().get(u));
            assertEquals(u, g.upstreamIndex((u - 1) / 8, (u - 1) % 8));
        }
        assertEquals("a3.h7->logits", g.edgeName(1280));
        assertEquals("input->a0.h0<q>", g.edgeName(0));
        assertTrue(g.edgeIndex("m0->logits").isEmpty());
        assertThrows(IllegalStateException.class, () -> g.mlpReceiverIndex(0));
        assertThrows(IllegalStateException.class, () -> g.mlpUpstreamIndex(0));
        assertFalse(g.sameShape(GraphIndex.of(4, 8)), "with and without MLPs number edges differently");
        assertTrue(g.sameShape(GraphIndex.of(4, 8, true)));
        assertEquals("4 layers × 8 heads, attention only", g.describe());
    }

    /** Enumeration against the rule "u feeds v iff u is written before v reads", evaluated pair by pair. */
    @ParameterizedTest
    @CsvSource({"1, 1, false", "2, 3, false", "3, 2, false", "4, 8, false", "12, 12, false", "24, 16, false",
            "1, 1, true", "3, 4, true", "4, 8, true", "12, 12, true"})
    void everyEdgeAndOnlyEdgesAreEnumerated(int layers, int heads, boolean attnOnly) {
        GraphIndex g = GraphIndex.of(layers, heads, attnOnly);
        assertEquals(1 + layers * (heads + (attnOnly ? 0 : 1)), g.upstreamCount());
        assertEquals(layers * (3 * heads + (attnOnly ? 0 : 1)) + 1, g.receiverCount());
        assertEquals(attnOnly, g.upstream().stream().noneMatch(n -> n instanceof NodeId.Mlp));
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
        assertEquals(GraphIndex.expectedEdgeCount(layers, heads, attnOnly), g.edgeCount());
        if (!attnOnly) {
            assertEquals(GraphIndex.expectedEdgeCount(layers, heads), g.edgeCount());
        }
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
