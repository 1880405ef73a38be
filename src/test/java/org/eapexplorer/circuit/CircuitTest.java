package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class CircuitTest {

    private static final GraphIndex G = GraphIndex.of(2, 3);

    private static Set<String> edgeNames(Circuit c) {
        return c.edges().mapToObj(c.graph()::edgeName).collect(Collectors.toSet());
    }

    private static Set<String> nodeNames(Circuit c) {
        return c.nodes().mapToObj(c.table()::nodeName).collect(Collectors.toSet());
    }

    @Test
    void topKKeepsExactlyKWithTiesBrokenByEdgeIndex() {
        // Five edges tied at |score| 1 (either sign): top-3 takes the three lowest edge indices.
        EdgeScores s = Fixtures.withEdges(G, Map.of("input->a0.h0<q>", 1f, "input->a0.h1<q>", -1f, "input->m0", 1f,
                "a0.h2->m0", -1f, "m1->logits", 1f, "a1.h0->logits", 3f));
        ScoreRanking r = ScoreRanking.of(s);
        Circuit c = Circuit.topK(r, 4);
        assertEquals(4, c.edgeCount());
        assertEquals(Set.of("a1.h0->logits", "input->a0.h0<q>", "input->a0.h1<q>", "input->m0"), edgeNames(c));
        assertEquals(6, Circuit.atLeast(r, 1).edgeCount(), "a threshold keeps all ties");
        assertEquals(1.0, c.absThreshold());
        assertEquals(3.0, c.maxKeptAbs());
    }

    @Test
    void unprunedNodesAreTheEndpointsOfKeptEdges() {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.withEdges(G, Map.of("a0.h1->a1.h2<k>", 2f, "m0->logits", 1f))), 2);
        assertEquals(Set.of("a0.h1", "a1.h2", "m0", "logits"), nodeNames(c));
        assertFalse(c.isPruned());
    }

    @Test
    void chainFromInputToLogitsSurvivesPruningAndDeadEndsDoNot() {
        EdgeScores s = Fixtures.withEdges(G, Map.of(
                "input->a0.h0<q>", 1f, "a0.h0->logits", 0.5f, // the live chain
                "a0.h1->logits", 2f,                         // nothing feeds a0.h1
                "input->a1.h2<v>", 3f));                     // a1.h2 feeds nothing
        Circuit c = Circuit.topK(ScoreRanking.of(s), 4).prune();
        assertTrue(c.isPruned());
        assertEquals(Set.of("input->a0.h0<q>", "a0.h0->logits"), edgeNames(c));
        assertEquals(Set.of("input", "a0.h0", "logits"), nodeNames(c));
        assertEquals(1.0, c.maxKeptAbs(), "the strongest surviving edge, not the strongest cut one");
    }

    @Test
    void raisingTheThresholdCutsTheChainAndPrunesEverything() {
        EdgeScores s = Fixtures.withEdges(G, Map.of("input->a0.h0<q>", 1f, "a0.h0->logits", 0.5f, "a0.h1->logits", 2f));
        Circuit c = Circuit.atLeast(ScoreRanking.of(s), 0.6).prune();
        assertEquals(0, c.edgeCount());
        assertEquals(0, c.nodeCount());
        assertEquals(0.0, c.maxKeptAbs());
    }

    @Test
    void pathsThroughMlpsAndLaterHeadsSurvive() {
        EdgeScores s = Fixtures.withEdges(G, Map.of("input->m0", 1f, "m0->a1.h0<k>", 1f, "a1.h0->m1", 1f, "m1->logits", 1f,
                "a0.h2->a1.h0<v>", 1f)); // a0.h2 has no input: this edge dies, the rest lives
        Circuit c = Circuit.atLeast(ScoreRanking.of(s), 0.5).prune();
        assertEquals(Set.of("input->m0", "m0->a1.h0<k>", "a1.h0->m1", "m1->logits"), edgeNames(c));
    }

    @Test
    void pruneEqualsEapIgFixpointOnRandomCircuits() {
        GraphIndex g = GraphIndex.of(3, 3);
        for (long seed = 0; seed < 20; seed++) {
            ScoreRanking r = ScoreRanking.of(Fixtures.random(g, seed));
            for (int k : new int[] {1, 5, 20, 60, 120, g.edgeCount()}) {
                Circuit c = Circuit.topK(r, k);
                Circuit p = c.prune();
                BitSet[] expected = eapIgPrune(c);
                assertEquals(expected[0], p.edgeBits(), "edges, seed " + seed + " k " + k);
                assertEquals(expected[1], p.nodeBits(), "nodes, seed " + seed + " k " + k);
                assertSame(p, p.prune());
                BitSet extra = p.edgeBits();
                extra.andNot(c.edgeBits());
                assertTrue(extra.isEmpty(), "pruning never adds edges");
            }
        }
    }

    /** EAP-IG's Graph.prune, literally: drop nodes lacking kept in- or out-edges, then edges lacking an end, until stable. */
    private static BitSet[] eapIgPrune(Circuit c) {
        EdgeTable t = c.table();
        BitSet edges = c.edgeBits();
        boolean[] inGraph = new boolean[t.nodeCount()];
        boolean changed = true;
        while (changed) {
            boolean[] out = new boolean[t.nodeCount()];
            boolean[] in = new boolean[t.nodeCount()];
            in[0] = true;
            edges.stream().forEach(e -> {
                out[t.from(e)] = true;
                in[t.toNode(e)] = true;
            });
            changed = false;
            for (int n = 0; n < t.logitsNode(); n++) {
                boolean now = out[n] && in[n];
                changed |= now != inGraph[n];
                inGraph[n] = now;
            }
            inGraph[t.logitsNode()] = true;
            edges.stream().filter(e -> !inGraph[t.from(e)] || !inGraph[t.toNode(e)]).forEach(edges::clear);
        }
        BitSet nodes = new BitSet();
        edges.stream().forEach(e -> {
            nodes.set(t.from(e));
            nodes.set(t.toNode(e));
        });
        return new BitSet[] {edges, nodes};
    }

    @Test
    void describeNamesTheCutAndCounts() {
        ScoreRanking r = ScoreRanking.of(Fixtures.withEdges(G, Map.of("input->a0.h0<q>", 1f, "a0.h0->logits", 0.5f)));
        assertEquals("top 2 edges (|score| ≥ 0.5), pruned: 2 edges, 3 nodes", Circuit.of(r, new Cut.TopK(2), true).describe());
        assertEquals("|score| ≥ 0.75: 1 edge, 2 nodes", Circuit.atLeast(r, 0.75).describe());
    }

    @Test
    void invalidCutsAreRejected() {
        ScoreRanking r = ScoreRanking.of(Fixtures.random(G, 1));
        assertThrows(IllegalArgumentException.class, () -> Circuit.atLeast(r, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Circuit.atLeast(r, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Circuit.topK(r, -1));
        assertThrows(IllegalArgumentException.class, () -> Circuit.topK(r, G.edgeCount() + 1));
        assertEquals(G.edgeCount(), Circuit.topK(r, G.edgeCount()).edgeCount());
    }
}
