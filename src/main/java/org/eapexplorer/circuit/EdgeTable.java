package org.eapexplorer.circuit;

import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.Receiver;

/**
 * Flat per-edge lookups for one {@link GraphIndex}: the source node, the receiver and the receiving node of
 * every edge. {@link GraphIndex#receiverOf(int)} is a binary search and {@link GraphIndex#edge(int)} allocates;
 * pruning, painting and hit-testing touch every kept edge on every threshold change, so they read these arrays.
 *
 * <p>Node indices: upstream index for {@code input}, heads and MLPs (none in an attention-only graph);
 * {@link #logitsNode()} for {@code logits}.
 */
public final class EdgeTable {

    private final GraphIndex graph;
    private final int[] from;
    private final int[] receiver;
    private final int[] toNode;
    private final int[] receiverNode;

    private EdgeTable(GraphIndex graph) {
        this.graph = graph;
        int edges = graph.edgeCount();
        this.from = new int[edges];
        this.receiver = new int[edges];
        this.toNode = new int[edges];
        this.receiverNode = new int[graph.receiverCount()];
        for (int r = 0; r < graph.receiverCount(); r++) {
            receiverNode[r] = nodeIndex(graph.receivers().get(r).node());
            int first = graph.firstEdge(r);
            for (int u = 0; u < graph.fanIn(r); u++) {
                from[first + u] = u;
                receiver[first + u] = r;
                toNode[first + u] = receiverNode[r];
            }
        }
    }

    public static EdgeTable of(GraphIndex graph) {
        return new EdgeTable(graph);
    }

    public GraphIndex graph() { return graph; }

    public int edgeCount() { return from.length; }

    /** Upstream nodes plus {@code logits}. */
    public int nodeCount() { return graph.upstreamCount() + 1; }

    public int logitsNode() { return graph.upstreamCount(); }

    /** Node index of the edge's source (its upstream index). */
    public int from(int edge) { return from[edge]; }

    public int receiver(int edge) { return receiver[edge]; }

    /** Node index of the node that owns the edge's receiver. */
    public int toNode(int edge) { return toNode[edge]; }

    public int nodeOfReceiver(int receiver) { return receiverNode[receiver]; }

    public NodeId node(int node) {
        return node == logitsNode() ? new NodeId.Logits(graph.nLayer()) : graph.upstream().get(node);
    }

    public String nodeName(int node) {
        return node(node).name();
    }

    public int nodeIndex(NodeId node) {
        // Java 17 has no pattern switch; the sealed hierarchy keeps this list complete.
        if (node instanceof NodeId.Head h) {
            return graph.upstreamIndex(h.layer(), h.head());
        }
        if (node instanceof NodeId.Mlp m) {
            return graph.mlpUpstreamIndex(m.layer());
        }
        return node instanceof NodeId.Input ? 0 : logitsNode();
    }

    public Receiver receiverId(int receiver) {
        return graph.receivers().get(receiver);
    }

    /** Same shape (layers × heads, with or without MLPs) means same numbering, so ranking, circuit and layout may be mixed. */
    public static boolean sameShape(GraphIndex a, GraphIndex b) {
        return a.sameShape(b);
    }
}
