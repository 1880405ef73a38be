package org.eapexplorer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Dense numbering of the computational graph of a GPT-2-style model, identical to EAP-IG's {@code Graph}.
 *
 * <p>Upstream nodes in forward order: {@code input}, then per layer {@code a{l}.h0..h{H-1}}, {@code m{l}}.
 * Receivers in order: per layer the q inputs of all heads, the k inputs, the v inputs, then {@code m{l}};
 * finally {@code logits}. Receiver r reads the first {@link #fanIn(int)} upstream nodes (everything written
 * to the residual stream before it is read: heads of layer l feed m{l} but not each other), so an edge is a
 * pair (receiver, upstream prefix index) and edges are numbered receiver by receiver. GPT-2 small: 157
 * upstream nodes, 445 receivers, 32,491 edges.
 *
 * <p>An attention-only model (TransformerLens's {@code attn_only}, e.g. the 4-layer model of ACDC's docstring
 * task) has no {@code m{l}} nodes: upstream {@code input}, {@code a{l}.h*}; receivers per layer q, k, v of every
 * head, then {@code logits}; the same rule for fan-in. attn-only-4l (4 × 8): 33 upstream nodes, 97 receivers,
 * 1,281 edges, which is also ACDC's count of its residual edges. EAP-IG's {@code Graph} itself always has MLPs;
 * this numbering is what it would be with them left out.
 *
 * <p>A parallel block (GPT-NeoX's {@code use_parallel_residual}, EAP-IG's {@code parallel_attn_mlp}) feeds its MLP the
 * layer's input, so {@code m{l}} reads what layer l's q/k/v read and no edge comes to it from {@code a{l}.h*}: its fan-in
 * is 1 + l(H+1). Grouped-query attention changes nothing here: every query head has its own q, k and v receivers.
 */
public final class GraphIndex {

    private final int nLayer;
    private final int nHead;
    private final boolean attnOnly;
    private final boolean parallel;
    /** 1 when each layer has an MLP node, 0 for attention-only models: the per-layer stride is H + mlp upstream, 3H + mlp down. */
    private final int mlp;
    private final List<NodeId> upstream;
    private final List<Receiver> receivers;
    private final int[] fanIn;
    /** offset[r] = number of edges of receivers before r; offset[receivers] = edge count. */
    private final int[] offset;
    private final Map<String, Integer> upstreamByName = new HashMap<>();
    private final Map<String, Integer> receiverByName = new HashMap<>();

    private GraphIndex(int nLayer, int nHead, boolean attnOnly, boolean parallel) {
        if (parallel && attnOnly) {
            throw new IllegalArgumentException("a parallel attention/MLP graph needs MLPs");
        }
        this.nLayer = nLayer;
        this.nHead = nHead;
        this.attnOnly = attnOnly;
        this.parallel = parallel;
        this.mlp = attnOnly ? 0 : 1;
        List<NodeId> up = new ArrayList<>();
        List<Receiver> down = new ArrayList<>();
        List<Integer> fan = new ArrayList<>();
        up.add(new NodeId.Input());
        for (int l = 0; l < nLayer; l++) {
            int before = up.size();
            for (Qkv qkv : Qkv.values()) {
                for (int h = 0; h < nHead; h++) {
                    down.add(new Receiver(new NodeId.Head(l, h), qkv));
                    fan.add(before);
                }
            }
            for (int h = 0; h < nHead; h++) {
                up.add(new NodeId.Head(l, h));
            }
            if (!attnOnly) {
                down.add(new Receiver(new NodeId.Mlp(l), null));
                fan.add(parallel ? before : up.size());
                up.add(new NodeId.Mlp(l));
            }
        }
        down.add(new Receiver(new NodeId.Logits(nLayer), null));
        fan.add(up.size());

        this.upstream = Collections.unmodifiableList(up);
        this.receivers = Collections.unmodifiableList(down);
        this.fanIn = fan.stream().mapToInt(Integer::intValue).toArray();
        this.offset = new int[fanIn.length + 1];
        for (int r = 0; r < fanIn.length; r++) {
            offset[r + 1] = offset[r] + fanIn[r];
        }
        for (int i = 0; i < upstream.size(); i++) {
            upstreamByName.put(upstream.get(i).name(), i);
        }
        for (int r = 0; r < receivers.size(); r++) {
            receiverByName.put(receivers.get(r).name(), r);
        }
    }

    /** The graph of a GPT-2-style model with an MLP in every layer. */
    public static GraphIndex of(int nLayer, int nHead) {
        return of(nLayer, nHead, false);
    }

    /** The graph of an attention-only model: no {@code m{l}} nodes. */
    public static GraphIndex attentionOnly(int nLayer, int nHead) {
        return of(nLayer, nHead, true);
    }

    public static GraphIndex of(int nLayer, int nHead, boolean attnOnly) {
        return of(nLayer, nHead, attnOnly, false);
    }

    /** @param parallel a parallel attention/MLP block: no edges from a layer's heads to its own MLP */
    public static GraphIndex of(int nLayer, int nHead, boolean attnOnly, boolean parallel) {
        if (nLayer <= 0 || nHead <= 0) {
            throw new IllegalArgumentException("need at least one layer and one head, got " + nLayer + " layers, " + nHead + " heads");
        }
        return new GraphIndex(nLayer, nHead, attnOnly, parallel);
    }

    /**
     * The graph a file declares by its size, built only when it is in proportion to the edges the file itself lists
     * (at most ten times as many, plus {@value #DECLARED_SLACK}): a score or session file declaring 100,000 layers ×
     * 100,000 heads would otherwise have this class, and the arrays indexed by it, ask for gigabytes on the strength of
     * a few bytes. Within the bound the reader then checks edge by edge and says which one is missing or foreign.
     *
     * @throws IllegalArgumentException saying what was declared and what was listed, when the two are out of proportion
     */
    public static GraphIndex ofDeclared(int nLayer, int nHead, boolean attnOnly, long listedEdges) {
        return ofDeclared(nLayer, nHead, attnOnly, false, listedEdges);
    }

    /** As {@link #ofDeclared(int, int, boolean, long)}, for a parallel attention/MLP graph when {@code parallel}. */
    public static GraphIndex ofDeclared(int nLayer, int nHead, boolean attnOnly, boolean parallel, long listedEdges) {
        if (nLayer <= 0 || nHead <= 0) {
            throw new IllegalArgumentException("a graph of " + nLayer + " layers × " + nHead + " heads, but a graph needs at least one layer and one head");
        }
        long bound = Math.max(0, listedEdges) * 10 + DECLARED_SLACK;
        // Every layer and every head adds edges, so neither can exceed the bound either: this also bounds the sum below.
        long expected = nLayer > bound || nHead > bound ? Long.MAX_VALUE : expectedEdgeCount(nLayer, nHead, attnOnly, parallel);
        if (expected > bound) {
            throw new IllegalArgumentException("a graph of " + nLayer + " layers × " + nHead + " heads"
                    + (attnOnly ? ", attention only" : "") + (parallel ? ", parallel attention and MLP" : "") + " ("
                    + (expected == Long.MAX_VALUE ? "billions of" : String.format("%,d", expected)) + " edges), but the file lists "
                    + String.format("%,d", listedEdges));
        }
        return new GraphIndex(nLayer, nHead, attnOnly, parallel);
    }

    /** How many edges a declared graph may have beyond ten times those listed: small graphs always build. */
    static final long DECLARED_SLACK = 100_000;

    /** Closed form of the edge count, used to check the enumeration: Σ over receivers of their fan-in. */
    public static long expectedEdgeCount(int nLayer, int nHead) {
        return expectedEdgeCount(nLayer, nHead, false);
    }

    /**
     * With MLPs, layer l's q/k/v read the 1 + l(H+1) nodes before it and its MLP those plus its H heads; without,
     * the q/k/v read 1 + lH. The logits read every upstream node. {@link Long#MAX_VALUE} when the count does not fit.
     */
    public static long expectedEdgeCount(int nLayer, int nHead, boolean attnOnly) {
        return expectedEdgeCount(nLayer, nHead, attnOnly, false);
    }

    /** With a parallel block each MLP reads only the 1 + l(H+1) nodes before its layer, as the layer's q/k/v do. */
    public static long expectedEdgeCount(int nLayer, int nHead, boolean attnOnly, boolean parallel) {
        int mlp = attnOnly ? 0 : 1;
        int ownHeads = parallel ? 0 : nHead;
        try {
            long total = 0;
            for (int l = 0; l < nLayer; l++) {
                long before = 1 + (long) l * (nHead + mlp);
                total = Math.addExact(total, Math.addExact(Math.multiplyExact(3L * nHead, before), mlp * (before + ownHeads)));
            }
            return Math.addExact(total, 1 + (long) nLayer * (nHead + mlp));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    public int nLayer() { return nLayer; }

    public int nHead() { return nHead; }

    /** Whether the model has no MLPs, so no {@code m{l}} nodes. */
    public boolean attnOnly() { return attnOnly; }

    /** Whether each MLP reads its layer's input (a parallel block), so no edge comes to it from the layer's own heads. */
    public boolean parallel() { return parallel; }

    /** Same numbering: layers, heads, whether there are MLPs and where they read agree, so scores, circuits and layouts may be mixed. */
    public boolean sameShape(GraphIndex other) {
        return nLayer == other.nLayer && nHead == other.nHead && attnOnly == other.attnOnly && parallel == other.parallel;
    }

    /** "4 layers × 8 heads, attention only", for messages about mismatched graphs. */
    public String describe() {
        return nLayer + " layers × " + nHead + " heads" + (attnOnly ? ", attention only" : "") + (parallel ? ", parallel attention and MLP" : "");
    }

    public List<NodeId> upstream() { return upstream; }

    public List<Receiver> receivers() { return receivers; }

    public int upstreamCount() { return upstream.size(); }

    public int receiverCount() { return receivers.size(); }

    public int edgeCount() { return offset[receivers.size()]; }

    /** Number of upstream nodes receiver r reads: they are upstream indices 0 .. fanIn-1. */
    public int fanIn(int receiver) { return fanIn[receiver]; }

    /** Index of the first edge into receiver r; its edges are contiguous, in upstream order. */
    public int firstEdge(int receiver) { return offset[receiver]; }

    public int edgeIndex(int upstreamIndex, int receiver) {
        if (upstreamIndex < 0 || upstreamIndex >= fanIn[receiver]) {
            throw new IllegalArgumentException(upstream.get(Math.max(0, Math.min(upstreamIndex, upstream.size() - 1))).name()
                    + " does not feed " + receivers.get(receiver).name());
        }
        return offset[receiver] + upstreamIndex;
    }

    /** Receiver of edge e (binary search over the receiver offsets). */
    public int receiverOf(int edge) {
        checkEdge(edge);
        int lo = 0;
        int hi = receivers.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offset[mid] <= edge) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public int upstreamOf(int edge) {
        return edge - offset[receiverOf(edge)];
    }

    public EdgeId edge(int edge) {
        int r = receiverOf(edge);
        return new EdgeId(upstream.get(edge - offset[r]), receivers.get(r));
    }

    public String edgeName(int edge) {
        return edge(edge).name();
    }

    public OptionalInt upstreamIndex(String name) {
        Integer i = upstreamByName.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public OptionalInt receiverIndex(String name) {
        Integer i = receiverByName.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Index of the edge named {@code u->v} (EAP convention), or empty when no such edge exists in this graph. */
    public OptionalInt edgeIndex(String name) {
        int arrow = name.indexOf("->");
        if (arrow < 0) {
            return OptionalInt.empty();
        }
        OptionalInt u = upstreamIndex(name.substring(0, arrow));
        OptionalInt r = receiverIndex(name.substring(arrow + 2));
        if (u.isEmpty() || r.isEmpty() || u.getAsInt() >= fanIn[r.getAsInt()]) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(offset[r.getAsInt()] + u.getAsInt());
    }

    /** Receiver index of the q/k/v input of a head. */
    public int receiverIndex(int layer, Qkv qkv, int head) {
        return layer * (3 * nHead + mlp) + qkv.ordinal() * nHead + head;
    }

    /** @throws IllegalStateException for an attention-only graph, which has no MLP receivers */
    public int mlpReceiverIndex(int layer) {
        requireMlps();
        return layer * (3 * nHead + 1) + 3 * nHead;
    }

    public int logitsReceiverIndex() {
        return receivers.size() - 1;
    }

    /** Upstream index of a head's output. */
    public int upstreamIndex(int layer, int head) {
        return 1 + layer * (nHead + mlp) + head;
    }

    /** @throws IllegalStateException for an attention-only graph, which has no MLP nodes */
    public int mlpUpstreamIndex(int layer) {
        requireMlps();
        return 1 + layer * (nHead + 1) + nHead;
    }

    private void requireMlps() {
        if (attnOnly) {
            throw new IllegalStateException("an attention-only graph (" + describe() + ") has no MLP nodes");
        }
    }

    private void checkEdge(int edge) {
        if (edge < 0 || edge >= edgeCount()) {
            throw new IndexOutOfBoundsException("edge " + edge + " of " + edgeCount());
        }
    }
}
