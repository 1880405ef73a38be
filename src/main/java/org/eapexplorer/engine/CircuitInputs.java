package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.Qkv;

/**
 * How receivers read the residual stream when only a circuit is left intact: receiver v's input is
 * Σ_{u→v kept} u_this run + Σ_{u→v not kept} u_corrupted + biases, which is the ordinary residual stream
 * plus Σ_{not kept} (u_corrupted − u_this run). The forward pass reports every node output as it computes
 * it; the differences go into one [n_up, B·P·d] buffer, and each layer's receivers get their correction
 * as one product of their "not kept" rows with that buffer (EAP-IG's evaluate_graph does the same).
 */
final class CircuitInputs {

    private final GraphIndex graph;
    private final ModelConfig config;
    private final Gpt2Weights weights;
    private final float[] removed;       // per edge: 1 when the edge carries the corrupted activation
    private final NDArray corrupted;     // [n_up, B·P·d]: the corrupted run's node outputs
    private final NDArray differences;   // [n_up, B·P·d]: corrupted − this run's, filled as the pass goes
    private final Shape residual;        // [B, P, d]

    CircuitInputs(GraphIndex graph, ModelConfig config, Gpt2Weights weights, float[] removed, NDArray corrupted,
                  NDArray differences, Shape residual) {
        this.graph = graph;
        this.config = config;
        this.weights = weights;
        this.removed = removed;
        this.corrupted = corrupted;
        this.differences = differences;
        this.residual = residual;
    }

    /** Stacks a run's node outputs in {@code graph}'s upstream order, [n_up, B·P·d]: the embedding, per head z_h·W_O[h], MLP outputs. */
    static NDArray nodeOutputs(ForwardRun run, Gpt2Weights weights, ModelConfig c, GraphIndex graph, NDArray into) {
        long rows = run.embedding.getShape().get(0) * run.embedding.getShape().get(1);
        into.set(new NDIndex("0"), run.embedding.reshape(-1));
        for (int l = 0; l < c.nLayer(); l++) {
            int first = graph.upstreamIndex(l, 0);
            into.set(new NDIndex("{}:{}", first, first + c.nHead()), headOutputs(run.headZ[l], weights.layers.get(l), c, rows));
            if (!graph.attnOnly()) {
                into.set(new NDIndex("{}", graph.mlpUpstreamIndex(l)), run.mlpOut[l].reshape(-1));
            }
        }
        return into;
    }

    /** z [B, P, H, e] → every head's z_h·W_O[h], [H, B·P·d]. */
    static NDArray headOutputs(NDArray z, Gpt2Weights.Layer lw, ModelConfig c, long rows) {
        return z.reshape(rows, c.nHead(), c.dHead()).transpose(1, 0, 2).matMul(lw.outHeads()).reshape(c.nHead(), -1);
    }

    void embeddingComputed(NDArray embedding) {
        record(0, 1, embedding.reshape(1, -1));
    }

    void headsComputed(int layer, NDArray z) {
        Gpt2Weights.Layer lw = weights.layers.get(layer);
        record(graph.upstreamIndex(layer, 0), config.nHead(), headOutputs(z, lw, config, residual.get(0) * residual.get(1)));
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

    /** Corrections of layer l's q/k/v receivers, [3H, B, P, d] in receiver order, or null when none is needed. */
    NDArray attentionDeltas(int layer) {
        int first = graph.receiverIndex(layer, Qkv.Q, 0);
        return deltas(first, 3 * config.nHead(), new Shape(3L * config.nHead(), residual.get(0), residual.get(1), residual.get(2)));
    }

    NDArray mlpDelta(int layer) {
        return deltas(graph.mlpReceiverIndex(layer), 1, residual);
    }

    NDArray logitsDelta() {
        return deltas(graph.logitsReceiverIndex(), 1, residual);
    }

    private NDArray deltas(int firstReceiver, int count, Shape shape) {
        int fanIn = graph.fanIn(firstReceiver);
        float[] w = new float[count * fanIn];
        boolean any = false;
        for (int j = 0; j < count; j++) {
            System.arraycopy(removed, graph.firstEdge(firstReceiver + j), w, j * fanIn, fanIn);
        }
        for (float v : w) {
            any |= v != 0;
        }
        if (!any) {
            return null;
        }
        NDArray mask = Gpt2Forward.owned(differences.getManager().create(w, new Shape(count, fanIn)));
        return mask.matMul(differences.get(new NDIndex("0:{}", fanIn))).reshape(shape);
    }
}
