package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.Qkv;

/**
 * How receivers read the residual stream when only a circuit is left intact: receiver v's input is
 * Σ_{u→v kept} u_this run + Σ_{u→v not kept} u_corrupted + biases. The forward pass reports every node output
 * as it computes it, and the differences u_corrupted − u_this run go into one [n_up, B·P·d] buffer. A receiver
 * that misses no edge reads the residual stream as it is; one that misses all of them reads the corrupted run's
 * residual stream, kept from that run; any other reads whichever of two equal sums touches fewer rows of the
 * buffer: the residual stream plus the differences of its missing edges, or the corrupted run's residual stream
 * minus the differences of its kept ones. ACDC's circuits leave most receivers with none or few edges, so a pass
 * reads a few rows of the buffer instead of all of them once per receiver, and receivers that read the same
 * stream share its LayerNorm and projection.
 */
final class CircuitInputs {

    /** What one receiver reads, by the edges into it that the circuit keeps. */
    enum Reads { UNCHANGED, CORRUPTED, OWN }

    /**
     * Layer l's q/k/v receivers (receiver order: q heads, k heads, v heads): what each reads, and the inputs of
     * those that read their own, [M, B, P, d] in the order of {@code own}.
     */
    record AttentionInputs(Reads[] reads, int[] own, NDArray ownInputs, NDArray corrupted) {
    }

    private final GraphIndex graph;
    private final ModelConfig config;
    private final TransformerWeights weights;
    private final BitSet kept;           // the circuit's edges
    private final NDArray corrupted;     // [n_up, B·P·d]: the corrupted run's node outputs
    private final NDArray differences;   // [n_up, B·P·d]: corrupted − this run's, filled as the pass goes
    private final NDArray corruptedResid; // [2L + 1, B, P, d]: the corrupted run's residual stream before each attention, each MLP, the unembedding
    private final Shape residual;        // [B, P, d]
    private final NDArray attentionSums;  // [L, B·P·d]: each layer's heads' sum before a sandwich block's post-norm; null without

    CircuitInputs(GraphIndex graph, ModelConfig config, TransformerWeights weights, BitSet kept, NDArray corrupted,
                  NDArray differences, NDArray attentionSums, NDArray corruptedResid, Shape residual) {
        this.graph = graph;
        this.config = config;
        this.weights = weights;
        this.kept = kept;
        this.corrupted = corrupted;
        this.differences = differences;
        this.corruptedResid = corruptedResid;
        this.residual = residual;
        this.attentionSums = attentionSums;
    }

    /**
     * The corrupted run's residual streams where receivers read them: [2L + 1, B, P, d] (see {@link #corruptedResid}); a
     * parallel block's MLP reads the layer's input, as its attention does.
     */
    static NDArray residualStreams(ForwardRun run, ModelConfig c) {
        NDList streams = new NDList();
        for (int l = 0; l < c.nLayer(); l++) {
            streams.add(run.residPre[l]);
            streams.add(c.parallel() ? run.residPre[l] : run.residMid[l]);
        }
        streams.add(run.residFinal);
        return NDArrays.stack(streams);
    }

    /** Stacks a run's node outputs in {@code graph}'s upstream order, [n_up, B·P·d]: the embedding, per head z_h·W_O[h], MLP outputs. */
    static NDArray nodeOutputs(ForwardRun run, TransformerWeights weights, ModelConfig c, GraphIndex graph, NDArray into) {
        long rows = run.embedding.getShape().get(0) * run.embedding.getShape().get(1);
        into.set(new NDIndex("0"), run.embedding.reshape(-1));
        for (int l = 0; l < c.nLayer(); l++) {
            int first = graph.upstreamIndex(l, 0);
            into.set(new NDIndex("{}:{}", first, first + c.nHead()), headOutputs(run.headZ[l], weights, l, c, rows));
            if (!graph.attnOnly()) {
                into.set(new NDIndex("{}", graph.mlpUpstreamIndex(l)), run.mlpOut[l].reshape(-1));
            }
        }
        return into;
    }

    /** z [B, P, H, e] → every head's z_h·W_O[h], [H, B·P·d]. */
    static NDArray headOutputs(NDArray z, TransformerWeights weights, int l, ModelConfig c, long rows) {
        return weights.headOutputs(z.reshape(rows, c.nHead(), c.dHead()), l).reshape(c.nHead(), -1);
    }

    void embeddingComputed(NDArray embedding) {
        record(0, 1, embedding.reshape(1, -1));
    }

    void headsComputed(int layer, NDArray z) {
        record(graph.upstreamIndex(layer, 0), config.nHead(), headOutputs(z, weights, layer, config, residual.get(0) * residual.get(1)));
    }

    /** A sandwich block's heads' sum S of layer l, before its post-norm: receivers read post_norm(S as they receive it). */
    void attentionSumComputed(int layer, NDArray sum) {
        // Copied into a buffer that outlives the pass, as the differences are: a prefix's later passes read the earlier layers'.
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            attentionSums.set(new NDIndex("{}", layer), sum.reshape(-1));
        }
    }

    void mlpComputed(int layer, NDArray out) {
        record(graph.mlpUpstreamIndex(layer), 1, out.reshape(1, -1));
    }

    private void record(int first, int count, NDArray outputs) {
        NDIndex rows = new NDIndex("{}:{}", first, first + count);
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            differences.set(rows, corrupted.get(rows).sub(outputs));
        }
    }

    /** Layer l's q/k/v receivers as the circuit feeds them; null when none misses an edge. */
    AttentionInputs attentionInputs(int layer, NDArray resid) {
        int first = graph.receiverIndex(layer, Qkv.Q, 0);
        int count = 3 * config.nHead();
        Reads[] reads = new Reads[count];
        int[] own = new int[count];
        int owned = 0;
        boolean changed = false;
        for (int j = 0; j < count; j++) {
            reads[j] = reads(first + j);
            changed |= reads[j] != Reads.UNCHANGED;
            if (reads[j] == Reads.OWN) {
                own[owned++] = j;
            }
        }
        if (!changed) {
            return null;
        }
        own = Arrays.copyOf(own, owned);
        NDArray stream = corruptedResid.get(2L * layer);
        return new AttentionInputs(reads, own, owned == 0 ? null : ownInputs(first, own, resid, stream), stream);
    }

    /** Layer l's MLP input under the circuit, from the stream it reads ({@code in}); null when it misses no edge. */
    NDArray mlpInput(int layer, NDArray in) {
        return input(graph.mlpReceiverIndex(layer), in, corruptedResid.get(2L * layer + 1));
    }

    /** The unembedding's input under the circuit; null when it misses no edge. */
    NDArray logitsInput(NDArray resid) {
        return input(graph.logitsReceiverIndex(), resid, corruptedResid.get(2L * config.nLayer()));
    }

    private NDArray input(int receiver, NDArray resid, NDArray stream) {
        return switch (reads(receiver)) {
            case UNCHANGED -> null;
            case CORRUPTED -> stream;
            case OWN -> ownInputs(receiver, new int[] {0}, resid, stream).reshape(residual);
        };
    }

    private Reads reads(int receiver) {
        int keptEdges = keptInto(receiver).cardinality();
        return keptEdges == graph.fanIn(receiver) ? Reads.UNCHANGED : keptEdges == 0 ? Reads.CORRUPTED : Reads.OWN;
    }

    /**
     * The inputs of receivers {@code first + j} for j in {@code offsets}, [M, B, P, d]: each as the residual stream
     * plus the differences of its missing edges, or as the corrupted stream minus those of its kept edges, whichever
     * sum is shorter; each kind of sum is one product with only the buffer rows some of its receivers need.
     */
    private NDArray ownInputs(int first, int[] offsets, NDArray resid, NDArray stream) {
        if (config.design().residual().postNorms()) {
            return postNormInputs(first, offsets, resid);
        }
        int fanIn = graph.fanIn(first);
        NDManager m = differences.getManager();
        NDArray[] inputs = new NDArray[offsets.length];
        for (boolean viaCorrupted : new boolean[] {false, true}) {
            List<Integer> members = new ArrayList<>();   // positions in offsets
            BitSet rows = new BitSet();
            for (int i = 0; i < offsets.length; i++) {
                BitSet in = keptInto(first + offsets[i]);
                boolean fewerKept = in.cardinality() * 2 < fanIn;
                if (fewerKept == viaCorrupted) {
                    if (!viaCorrupted) {
                        in.flip(0, fanIn);
                    }
                    members.add(i);
                    rows.or(in);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            int[] rowList = rows.stream().toArray();
            float[] w = new float[members.size() * rowList.length];
            for (int k = 0; k < members.size(); k++) {
                BitSet in = keptInto(first + offsets[members.get(k)]);
                for (int c = 0; c < rowList.length; c++) {
                    w[k * rowList.length + c] = in.get(rowList[c]) == viaCorrupted ? 1f : 0f;
                }
            }
            NDArray coefficients = OwnedArrays.owned(m.create(w, new Shape(members.size(), rowList.length)));
            NDArray index = OwnedArrays.owned(m.create(Arrays.stream(rowList).asLongStream().toArray()));
            NDArray sums = coefficients.matMul(differences.get(new NDIndex("{}", index)))
                    .reshape(members.size(), residual.get(0), residual.get(1), residual.get(2));
            NDArray sided = viaCorrupted ? stream.expandDims(0).sub(sums) : resid.expandDims(0).add(sums);
            if (members.size() == offsets.length) {
                return sided;   // one kind of sum for all, already in order
            }
            for (int k = 0; k < members.size(); k++) {
                inputs[members.get(k)] = sided.get(k);
            }
        }
        return NDArrays.stack(new NDList(inputs));   // both kinds of sum: back into the order of offsets
    }

    /**
     * {@link #ownInputs} under sandwich blocks ({@link PostNorm}): the residual stream plus the differences of the missing
     * edges from the embedding and the MLPs, plus, for each earlier layer whose heads miss edges, post_norm(S + Σ Δ_missing)
     * − post_norm(S), S that layer's heads' sum in this run. A receiver that misses every edge so reads the corrupted
     * run's stream (post_norm(S + Σ Δ) is the corrupted run's attention output), as {@link Reads#CORRUPTED} says.
     */
    private NDArray postNormInputs(int first, int[] offsets, NDArray resid) {
        int fanIn = graph.fanIn(first);
        int members = offsets.length;
        BitSet[] missing = new BitSet[members];
        for (int k = 0; k < members; k++) {
            missing[k] = keptInto(first + offsets[k]);
            missing[k].flip(0, fanIn);
        }
        BitSet plain = new BitSet();   // upstream rows that are terms of the stream: the embedding and the MLPs
        plain.set(0);
        for (int l = 0; l < config.nLayer() && !graph.attnOnly(); l++) {
            if (graph.mlpUpstreamIndex(l) < fanIn) {
                plain.set(graph.mlpUpstreamIndex(l));
            }
        }
        long b = residual.get(0);
        long p = residual.get(1);
        long d = residual.get(2);
        NDArray inputs = resid.expandDims(0).add(missingSum(missing, plain.stream().toArray()).reshape(members, b, p, d));
        for (int l = 0; l < config.nLayer(); l++) {
            int head0 = graph.upstreamIndex(l, 0);
            if (head0 >= fanIn) {
                break;
            }
            int[] heads = java.util.stream.IntStream.range(head0, head0 + config.nHead()).toArray();
            boolean any = false;
            for (BitSet miss : missing) {
                any |= miss.get(head0, head0 + config.nHead()).cardinality() > 0;
            }
            if (!any) {
                continue;
            }
            NDArray delta = missingSum(missing, heads).reshape(members, b, p, d);
            // Into this pass's manager: the cache's would keep a copy per pass (ACDC makes thousands of passes).
            NDArray gain = weights.postAttnGain(l, resid.getManager());
            NDArray sum = attentionSums.get(l).reshape(1, b, p, d);
            inputs = inputs.add(PostNorm.change(sum, delta, gain, config.layerNormEps()));
        }
        return inputs;
    }

    /** [M, B·P·d]: for each receiver, the sum of the differences of its missing edges among upstream {@code rows}. */
    private NDArray missingSum(BitSet[] missing, int[] rows) {
        NDManager m = differences.getManager();
        float[] w = new float[missing.length * rows.length];
        for (int k = 0; k < missing.length; k++) {
            for (int c = 0; c < rows.length; c++) {
                w[k * rows.length + c] = missing[k].get(rows[c]) ? 1f : 0f;
            }
        }
        NDArray coefficients = OwnedArrays.owned(m.create(w, new Shape(missing.length, rows.length)));
        NDArray index = OwnedArrays.owned(m.create(Arrays.stream(rows).asLongStream().toArray()));
        return coefficients.matMul(differences.get(new NDIndex("{}", index)));
    }

    /** The kept edges into {@code receiver}, by position among its incoming edges. */
    private BitSet keptInto(int receiver) {
        int from = graph.firstEdge(receiver);
        return kept.get(from, from + graph.fanIn(receiver));
    }
}
