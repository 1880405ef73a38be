package org.eapexplorer.circuit;

import java.util.BitSet;
import java.util.stream.IntStream;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;

/**
 * The edges kept by a {@link Cut} of a {@link ScoreRanking}, and the nodes they touch; immutable.
 *
 * <p>Unpruned, the kept edges are exactly ranks {@code 0 .. rankLimit-1} and the kept nodes are their
 * endpoints. {@link #prune()} keeps only edges on a path input → logits through kept edges: edge u→v is live iff
 * u is reachable from {@code input} and v's node reaches {@code logits}. This is the fixed point EAP-IG's
 * {@code Graph.prune} iterates to (drop nodes without kept in- or out-edges, then edges without both ends), computed
 * in two linear passes because edge indices are a topological order: every edge into a node has a smaller index
 * than every edge out of it.
 */
public final class Circuit {

    private final ScoreRanking ranking;
    private final Cut cut;
    private final boolean pruned;
    private final BitSet edges;
    private final BitSet nodes;
    private final int rankLimit;
    private final int edgeCount;

    private Circuit(ScoreRanking ranking, Cut cut, boolean pruned, BitSet edges, BitSet nodes, int rankLimit) {
        this.ranking = ranking;
        this.cut = cut;
        this.pruned = pruned;
        this.edges = edges;
        this.nodes = nodes;
        this.rankLimit = rankLimit;
        this.edgeCount = edges.cardinality();
    }

    public static Circuit topK(ScoreRanking ranking, int k) {
        return of(ranking, new Cut.TopK(k));
    }

    public static Circuit atLeast(ScoreRanking ranking, double absThreshold) {
        return of(ranking, new Cut.AtLeast(absThreshold));
    }

    public static Circuit of(ScoreRanking ranking, Cut cut) {
        if (cut instanceof Cut.Given given) {
            return given(ranking, given);
        }
        int count;
        if (cut instanceof Cut.TopK top) {
            ranking.checkK(top.k());
            count = top.k();
        } else {
            count = ranking.countAtLeast(((Cut.AtLeast) cut).absThreshold());
        }
        BitSet edges = ranking.topEdges(count);
        EdgeTable table = ranking.table();
        BitSet nodes = new BitSet(table.nodeCount());
        for (int rank = 0; rank < count; rank++) {
            int e = ranking.edgeAt(rank);
            nodes.set(table.from(e));
            nodes.set(table.toNode(e));
        }
        return new Circuit(ranking, cut, false, edges, nodes, count);
    }

    private static Circuit given(ScoreRanking ranking, Cut.Given cut) {
        BitSet edges = cut.edges();
        EdgeTable table = ranking.table();
        if (edges.length() > table.edgeCount()) {
            throw new IllegalArgumentException(cut.label() + " names edge " + (edges.length() - 1) + ", but the graph has "
                    + table.edgeCount() + " edges");
        }
        BitSet nodes = new BitSet(table.nodeCount());
        int rankLimit = 0;
        for (int e = edges.nextSetBit(0); e >= 0; e = edges.nextSetBit(e + 1)) {
            nodes.set(table.from(e));
            nodes.set(table.toNode(e));
            rankLimit = Math.max(rankLimit, ranking.rank(e) + 1);
        }
        return new Circuit(ranking, cut, false, edges, nodes, rankLimit);
    }

    /** {@code of(ranking, cut)}, pruned when asked: the one call the window and the CLI need. */
    public static Circuit of(ScoreRanking ranking, Cut cut, boolean prune) {
        Circuit c = of(ranking, cut);
        return prune ? c.prune() : c;
    }

    /** The circuit restricted to edges on an input→logits path through kept edges; nodes off every such path are dropped. */
    public Circuit prune() {
        if (pruned) {
            return this;
        }
        EdgeTable table = ranking.table();
        int nodeCount = table.nodeCount();
        // Forward: reached[n] iff a kept path input → n exists. Increasing edge index visits every edge into a
        // node before any edge out of it, so one pass settles each node before it is read.
        boolean[] reached = new boolean[nodeCount];
        reached[0] = true;
        for (int e = edges.nextSetBit(0); e >= 0; e = edges.nextSetBit(e + 1)) {
            if (reached[table.from(e)]) {
                reached[table.toNode(e)] = true;
            }
        }
        // Backward: reaches[n] iff a kept path n → logits exists; decreasing index settles out-edges first.
        boolean[] reaches = new boolean[nodeCount];
        reaches[table.logitsNode()] = true;
        for (int e = edges.previousSetBit(edges.length() - 1); e >= 0; e = edges.previousSetBit(e - 1)) {
            if (reaches[table.toNode(e)]) {
                reaches[table.from(e)] = true;
            }
        }
        BitSet live = new BitSet(edges.size());
        BitSet liveNodes = new BitSet(nodeCount);
        for (int e = edges.nextSetBit(0); e >= 0; e = edges.nextSetBit(e + 1)) {
            if (reached[table.from(e)] && reaches[table.toNode(e)]) {
                live.set(e);
                liveNodes.set(table.from(e));
                liveNodes.set(table.toNode(e));
            }
        }
        return new Circuit(ranking, cut, true, live, liveNodes, rankLimit);
    }

    public ScoreRanking ranking() { return ranking; }

    public EdgeScores scores() { return ranking.scores(); }

    public GraphIndex graph() { return ranking.graph(); }

    public EdgeTable table() { return ranking.table(); }

    public Cut cut() { return cut; }

    public boolean isPruned() { return pruned; }

    public int edgeCount() { return edgeCount; }

    public int nodeCount() { return nodes.cardinality(); }

    public boolean hasEdge(int edge) { return edges.get(edge); }

    /** Node index as in {@link EdgeTable}: upstream index, or {@link EdgeTable#logitsNode()}. */
    public boolean hasNode(int node) { return nodes.get(node); }

    /** Every kept edge has a rank below this; iterate ranks down from it to visit kept edges weakest first. */
    public int rankLimit() { return rankLimit; }

    /** Kept edges in increasing edge index. */
    public IntStream edges() { return edges.stream(); }

    public IntStream nodes() { return nodes.stream(); }

    public BitSet edgeBits() { return (BitSet) edges.clone(); }

    /**
     * The same kept edges coloured (and widened) by other scores, e.g. the difference of two score sets; this circuit
     * itself when {@code by} is null or belongs to another graph. Which edges are kept does not change.
     */
    public Circuit colouredBy(ScoreRanking by) {
        if (by == null || !EdgeTable.sameShape(by.graph(), graph())) {
            return this;
        }
        return Circuit.of(by, new Cut.Given(edgeBits(), cut().describe()));
    }

    public BitSet nodeBits() { return (BitSet) nodes.clone(); }

    /**
     * The |score| cut actually applied: the threshold itself, for top-k the k-th largest |score|, for a given set its
     * weakest edge's |score| (+∞ when empty).
     */
    public double absThreshold() {
        if (cut instanceof Cut.AtLeast at) {
            return at.absThreshold();
        }
        if (cut instanceof Cut.TopK top) {
            return ranking.thresholdForTopK(top.k());
        }
        return rankLimit == 0 ? Double.POSITIVE_INFINITY : ranking.absAt(rankLimit - 1);
    }

    /** Largest |score| among kept edges (0 when empty): the painter scales widths by it. */
    public double maxKeptAbs() {
        for (int rank = 0; rank < rankLimit; rank++) {
            if (edges.get(ranking.edgeAt(rank))) {
                return ranking.absAt(rank);
            }
        }
        return 0;
    }

    /** {@code top 200 edges (|score| ≥ 0.0123), pruned: 180 edges, 41 nodes}, for captions and CLI output. */
    public String describe() {
        String head = cut instanceof Cut.TopK && rankLimit > 0
                ? cut.describe() + " (|score| ≥ " + Numbers.compact(absThreshold()) + ")"
                : cut.describe();
        return head + (pruned ? ", pruned: " : ": ") + edgeCount + (edgeCount == 1 ? " edge, " : " edges, ")
                + nodeCount() + (nodeCount() == 1 ? " node" : " nodes");
    }

    @Override
    public String toString() {
        return "Circuit[" + describe() + "]";
    }
}
