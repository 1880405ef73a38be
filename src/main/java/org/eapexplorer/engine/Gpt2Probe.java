package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.EdgeId;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.TokenizedPair;

/**
 * Looks inside a loaded model for interpretability checks that do not go through EAP: attention patterns,
 * logits at every position of a batch, and ablation of graph edges.
 *
 * <p>Ablating an edge u→v replaces u's output, in v's copy of the residual stream only, by u's mean output
 * over a reference set of sequences (per position: [P, d]; {@link Ablation#MEAN}) or by zero
 * ({@link Ablation#ZERO}), through the forward pass's receiver deltas (δ_v = replacement − u). Ablating every outgoing edge of one node is exactly ablating the node, because a node's
 * own output does not depend on its receivers. The deltas are taken from the un-ablated run, so ablating
 * edges out of two nodes where one feeds the other is the sum of two independent replacements, not a
 * replacement of the second node's changed output; ablate one node (or edges of one node) at a time for exact
 * answers.
 */
public final class Gpt2Probe {

    /**
     * Attention probabilities of a batch of equal-length prompts, [prompt][layer][head][query][key] in one
     * row-major array (keys after the query have probability 0).
     */
    public record Patterns(int prompts, int layers, int heads, int positions, float[] values) {

        public float at(int prompt, int layer, int head, int query, int key) {
            int p = positions;
            return values[(((prompt * layers + layer) * heads + head) * p + query) * p + key];
        }
    }

    /** What an ablated edge carries instead of its upstream node's output. */
    public enum Ablation {
        /** The node's mean output at the same position over the reference sequences. */
        MEAN,
        /** Nothing. */
        ZERO
    }

    private Gpt2Probe() {
    }

    /** Attention patterns of every head on prompts of one length. */
    public static Patterns attention(LanguageModel model, List<int[]> prompts) {
        int p = sameLength(prompts);
        int layers = model.config().nLayer();
        int heads = model.config().nHead();
        try (NDManager m = model.manager().newSubManager()) {
            ForwardRun run = model.forward().run(m, TokenBatch.of(prompts, model.config().nPositions()),
                    ForwardOptions.LOGITS_ONLY.withPatterns());
            NDArray[] perLayer = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                perLayer[l] = run.pattern[l].expandDims(1);                             // [B, 1, H, P, P]
            }
            float[] values = NDArrays.concat(new NDList(perLayer), 1).toFloatArray();
            return new Patterns(prompts.size(), layers, heads, p, values);
        }
    }

    /** Logits at every position of prompts of one length, [prompt][position][vocab]. */
    public static float[][][] allLogits(LanguageModel model, List<int[]> prompts) {
        return allLogitsWithEdgesAblated(model, prompts, List.of(), Ablation.ZERO, List.of());
    }

    /**
     * Logits at every position with the given edges ablated (see the class comment).
     *
     * @param reference for {@link Ablation#MEAN}: sequences at least as long as the prompts, over which each
     *                  node's mean output is taken
     */
    public static float[][][] allLogitsWithEdgesAblated(LanguageModel model, List<int[]> prompts, List<EdgeId> edges, Ablation ablation,
                                                        List<int[]> reference) {
        int p = sameLength(prompts);
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.of(prompts, model.config().nPositions());
            Map<Integer, NDArray> deltas = deltas(m, model, batch, edges, ablation, reference);
            ForwardRun run = model.forward().run(m, batch, ForwardOptions.withDeltas(deltas).withAllPositions());
            float[] flat = run.logits.toFloatArray();
            int v = model.config().vocabSize();
            float[][][] out = new float[prompts.size()][p][];
            for (int b = 0; b < out.length; b++) {
                for (int t = 0; t < p; t++) {
                    int from = (b * p + t) * v;
                    out[b][t] = Arrays.copyOfRange(flat, from, from + v);
                }
            }
            return out;
        }
    }

    /** The task metric of each pair's clean prompt with the given edges ablated. */
    public static double[] metricWithEdgesAblated(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind, List<EdgeId> edges,
                                                  Ablation ablation, List<int[]> reference) {
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch batch = TokenBatch.of(pairs.stream().map(TokenizedPair::clean).toList(), model.config().nPositions());
            Map<Integer, NDArray> deltas = deltas(m, model, batch, edges, ablation, reference);
            ForwardRun run = model.forward().run(m, batch, ForwardOptions.withDeltas(deltas));
            return LanguageModel.toDoubles(TaskMetric.perPrompt(m, run.logits, kind, pairs, model.config().vocabSize()).toFloatArray());
        }
    }

    /** Every edge out of {@code node}: ablating them all ablates the node. */
    public static List<EdgeId> outgoingEdges(GraphIndex graph, NodeId node) {
        int u = graph.upstreamIndex(node.name()).orElseThrow(() -> new IllegalArgumentException(node.name() + " is not an upstream node"));
        List<EdgeId> out = new ArrayList<>();
        for (int r = 0; r < graph.receiverCount(); r++) {
            if (u < graph.fanIn(r)) {
                out.add(graph.edge(graph.edgeIndex(u, r)));
            }
        }
        return out;
    }

    /** Receiver index → Σ over the ablated edges into it of (replacement_u − u), each [B, P, d]. */
    private static Map<Integer, NDArray> deltas(NDManager m, LanguageModel model, TokenBatch batch, List<EdgeId> edges, Ablation ablation,
                                                List<int[]> reference) {
        Map<Integer, NDArray> deltas = new HashMap<>();
        if (edges.isEmpty()) {
            return deltas;
        }
        int p = batch.positions();
        ForwardRun clean = model.forward().run(m, batch, ForwardOptions.RECORD);
        ForwardRun ref = null;
        if (ablation == Ablation.MEAN) {
            if (reference.isEmpty()) {
                throw new IllegalArgumentException("mean ablation needs reference sequences");
            }
            for (int[] r : reference) {
                if (r.length < p) {
                    throw new IllegalArgumentException("reference sequences must be at least as long as the prompts (" + p + " tokens)");
                }
            }
            List<int[]> cut = reference.stream().map(r -> Arrays.copyOf(r, p)).toList();
            ref = model.forward().run(m, TokenBatch.of(cut, model.config().nPositions()), ForwardOptions.RECORD);
        }
        GraphIndex graph = model.graph();
        Map<String, NDArray> replacement = new HashMap<>();
        for (EdgeId edge : edges) {
            NodeId u = edge.from();
            ForwardRun means = ref;
            NDArray delta = replacement.computeIfAbsent(u.name(), k -> means == null
                    ? nodeOutput(model, clean, u).neg()                                                           // [B, P, d]
                    : nodeOutput(model, means, u).mean(new int[] {0}, true).sub(nodeOutput(model, clean, u)));
            int receiver = graph.receiverIndex(edge.to().name()).orElseThrow();
            if (graph.edgeIndex(edge.name()).isEmpty()) {
                throw new IllegalArgumentException("no edge " + edge.name() + " in this model's graph");
            }
            deltas.merge(receiver, delta, NDArray::add);
        }
        return deltas;
    }

    /** What an upstream node writes to the residual stream, [B, P, d]: the embedding, z_h·W_O[h], or the MLP's output. */
    static NDArray nodeOutput(LanguageModel model, ForwardRun run, NodeId node) {
        if (node instanceof NodeId.Input) {
            return run.embedding;
        }
        if (node instanceof NodeId.Mlp mlp) {
            return run.mlpOut[mlp.layer()];
        }
        if (node instanceof NodeId.Head head) {
            NDArray z = run.headZ[head.layer()];                                                   // [B, P, H, e]
            Shape s = z.getShape();
            NDArray all = model.weights().headOutputs(z.reshape(s.get(0) * s.get(1), s.get(2), s.get(3)), head.layer());  // [H, B·P, d]
            return all.get(head.head()).reshape(s.get(0), s.get(1), -1);
        }
        throw new IllegalArgumentException(node.name() + " writes nothing to the residual stream");
    }

    private static int sameLength(List<int[]> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts");
        }
        int p = prompts.get(0).length;
        for (int[] prompt : prompts) {
            if (prompt.length != p) {
                throw new IllegalArgumentException("prompts must have one length here: " + p + " and " + prompt.length);
            }
        }
        return p;
    }
}
