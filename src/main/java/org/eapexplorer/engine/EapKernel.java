package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.Qkv;
import org.eapexplorer.model.TokenizedPair;

/**
 * Edge Attribution Patching for one batch of prompt pairs: two forward passes and one backward pass.
 *
 * <p>score(u→v) = Σ_i Σ_t (u_corrupted − u_clean)[i,t,:] · ∂L/∂v[i,t,:], L = scale · Σ_i m_i on the clean
 * run. As in the paper's Appendix F the gradient of every edge into v is read once, at v: the backward pass
 * reaches only small zero leaves (after the q/k/v projections, on the MLP's and the unembedding's copies of
 * the residual stream), so it makes no weight gradients and no per-head copies of the residual stream.
 *
 * <p>For a q/k/v receiver the gradient at its own copy x of the residual stream follows from the leaf
 * gradient g (at the head's projection) through the projection W and LayerNorm-1, whose input gradient
 * is (γ⊙gW<sup>T</sup> − mean(γ⊙gW<sup>T</sup>) − x̂·mean(γ⊙gW<sup>T</sup>⊙x̂))/σ. Written out, the score splits
 * into three products that never form that d-wide gradient elementwise:
 * <pre>
 *   score(u, h) = Σ_bp Δu·(ĝ_h W̃_hᵀ) − Σ_bp α_h·Σ_d Δu − Σ_bp β_h·(Δu·x̂),   ĝ = g/σ, W̃ = diag(γ)·W,
 *   α_h = ĝ_h·(Σ_d W̃_hᵀ)/d,   β_h = ĝ_h·(x̂W̃_h)/d
 * </pre>
 * where x̂W̃ comes from the forward pass's own projection (qkv − b − βW, less W_pos·W for a shortformer model: that
 * term is a constant added after LayerNorm-1, so it shifts q and k, and with them the attention pattern and g, but adds
 * nothing to the backward pass through LayerNorm). The first term is one matrix
 * product per layer, ΔU[:fanIn]·Ĝ_lᵀ, with ΔU the stacked upstream differences; the full
 * 157×445×(B·P·d) product is never formed and no receiver gradient outlives its layer. An attention-only
 * model has no MLP rows in ΔU and no MLP receivers: the logits are then the only receiver that reads the
 * residual stream directly.
 */
public final class EapKernel {

    /** Wall-clock time of each phase of one batch. */
    public record Timings(long corruptedForwardNanos, long cleanForwardNanos, long backwardNanos, long scoringNanos) {
        public long totalNanos() {
            return corruptedForwardNanos + cleanForwardNanos + backwardNanos + scoringNanos;
        }
    }

    /**
     * @param scores          this batch's contribution to every edge score, in {@link GraphIndex} edge order
     * @param metricClean     m_i on the clean prompts
     * @param metricCorrupted m_i on the corrupted prompts
     */
    public record BatchResult(float[] scores, double[] metricClean, double[] metricCorrupted, Timings timings) {
    }

    private static final long CHUNK_BYTES = 16L << 20;

    private EapKernel() {
    }

    /**
     * @param scale the factor of Σ_i m_i in L: 1/N for the mean over all N pairs of a prompt set, so that
     *              scores of several batches add up exactly to the scores of the whole set
     */
    public static BatchResult run(Gpt2Model model, List<TokenizedPair> pairs, MetricKind kind, double scale) {
        return run(model, pairs, kind, scale, MethodSpec.EAP);
    }

    public static BatchResult run(Gpt2Model model, List<TokenizedPair> pairs, MetricKind kind, double scale, MethodSpec method) {
        if (method.method() != AttributionMethod.EAP) {
            throw new UnsupportedOperationException(method.describe() + " is being built");
        }
        ModelConfig c = model.config();
        Gpt2Forward forward = model.forward();
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch clean = TokenBatch.of(pairs.stream().map(TokenizedPair::clean).toList(), c.nPositions());
            TokenBatch corrupted = TokenBatch.of(pairs.stream().map(TokenizedPair::corrupted).toList(), c.nPositions());

            long t0 = System.nanoTime();
            ForwardRun corr = forward.run(m, corrupted, ForwardOptions.RECORD);
            double[] metricCorrupted = Gpt2Model.toDoubles(
                    TaskMetric.perPrompt(m, corr.logits, kind, pairs, c.vocabSize()).toFloatArray());
            long t1 = System.nanoTime();

            ForwardRun cl;
            double[] metricClean;
            long t2;
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                cl = forward.run(m, clean, ForwardOptions.RECORD_WITH_GRADIENTS);
                NDArray perPrompt = TaskMetric.perPrompt(m, cl.logits, kind, pairs, c.vocabSize());
                metricClean = Gpt2Model.toDoubles(perPrompt.toFloatArray());
                t2 = System.nanoTime();
                collector.backward(perPrompt.sum().mul(Gpt2Forward.constant(m, scale))); // a scalar autograd may keep: see constant()
            }
            long t3 = System.nanoTime();
            float[] scores = score(m, model, clean, corr, cl);
            long t4 = System.nanoTime();
            return new BatchResult(scores, metricClean, metricCorrupted, new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3));
        }
    }

    /** The stacked upstream differences and the two reductions of them the LayerNorm terms need. */
    private record Upstream(
            NDArray deltas,   // [n_up, B·P·d]: (u_corrupted − u_clean), rows in upstream order
            NDArray sums,     // [n_up, B·P]:   Σ_d Δu
            NDArray normDots) { // [B·P, n_up, L]: Δu·x̂_l, x̂_l the normalised input of layer l's attention
    }

    private static float[] score(NDManager m, Gpt2Model model, TokenBatch batch, ForwardRun corr, ForwardRun cl) {
        ModelConfig c = model.config();
        GraphIndex graph = model.graph();
        int heads = c.nHead();
        int e = c.dHead();
        int d = c.dModel();
        long rows = (long) batch.batch() * batch.positions();
        long width = rows * d;
        float[] scores = new float[graph.edgeCount()];
        Upstream up = upstream(m, model, corr, cl, rows);

        NDList residualGrads = new NDList();
        List<Integer> residualReceivers = new ArrayList<>();   // the receiver of each row of residualGrads
        // Ĝ is made CHUNK_BYTES at a time (rows of B·P): a whole layer's would be 3H·B·P·d floats, fresh
        // memory every layer, and the page faults of fresh memory cost more than the product itself.
        long chunkRows = Math.max(1, CHUNK_BYTES / (3L * heads * d * Float.BYTES));
        for (int l = 0; l < c.nLayer(); l++) {
            try (NDManager layer = m.newSubManager()) {
                Gpt2Weights.Layer lw = model.weights().layers.get(l);
                int fanIn = graph.fanIn(graph.receiverIndex(l, Qkv.Q, 0));
                NDArray g = cl.qkvLeaf[l].getGradient();
                g.attach(layer);
                NDArray gHat = g.reshape(rows, 3, heads, e).div(cl.ln1Std[l].reshape(rows, 1, 1, 1)); // ĝ [B·P, 3, H, e]
                NDArray alpha = gHat.mul(lw.qkvHeadsTGainSum()).sum(new int[] {-1})                  // [B·P, 3, H]
                        .reshape(rows, 3L * heads).transpose().div(d);                              // [3H, B·P]
                NDArray qkv = cl.qkv[l];                                                             // [B, P, 3d]
                if (c.shortformer()) {
                    qkv = qkv.sub(lw.shortformerQkv().get(layer, new NDIndex("0:{}", batch.positions())));
                }
                NDArray xw = qkv.reshape(rows, 3L * d).sub(lw.qkvShift()).reshape(rows, 3, heads, e);
                NDArray beta = gHat.mul(xw).sum(new int[] {-1}).reshape(rows, 3L * heads).transpose().div(d);
                NDArray block = alpha.matMul(up.sums().get(layer, new NDIndex("0:{}", fanIn)).transpose())  // [3H, fanIn]
                        .add(beta.matMul(up.normDots().get(layer, new NDIndex(":, 0:{}, {}", fanIn, l))))
                        .neg();
                for (long r0 = 0; r0 < rows; r0 += chunkRows) {
                    long r1 = Math.min(rows, r0 + chunkRows);
                    NDArray bigG = gHat.get(new NDIndex("{}:{}", r0, r1)).transpose(1, 2, 0, 3)
                            .matMul(lw.qkvHeadsTGain())                                             // [3, H, rows, d]
                            .reshape(3L * heads, (r1 - r0) * d);
                    NDArray dChunk = up.deltas().get(layer, new NDIndex("0:{}, {}:{}", fanIn, r0 * d, r1 * d));
                    block.addi(bigG.matMul(dChunk.transpose()));
                }
                copyRows(graph, scores, graph.receiverIndex(l, Qkv.Q, 0), 3 * heads, block.toFloatArray());
            }
            if (!c.attnOnly()) {
                residualGrads.add(cl.mlpLeaf[l].getGradient().reshape(1, width));
                residualReceivers.add(graph.mlpReceiverIndex(l));
            }
        }
        residualGrads.add(cl.logitsLeaf.getGradient().reshape(1, width));
        residualReceivers.add(graph.logitsReceiverIndex());
        // The MLPs' and the logits' receivers read the residual stream itself: one product for all of them,
        // reading ΔU once; each row keeps only its receiver's fan-in. Attention-only: the logits alone.
        NDArray residual = NDArrays.concat(residualGrads, 0).matMul(up.deltas().transpose());     // [L+1 or 1, n_up]
        float[] values = residual.toFloatArray();
        int nUp = graph.upstreamCount();
        for (int i = 0; i < residualReceivers.size(); i++) {
            int r = residualReceivers.get(i);
            System.arraycopy(values, i * nUp, scores, graph.firstEdge(r), graph.fanIn(r));
        }
        return scores;
    }

    /** ΔU with its row sums and its dot products with every layer's x̂, built node group by node group. */
    private static Upstream upstream(NDManager m, Gpt2Model model, ForwardRun corr, ForwardRun cl, long rows) {
        ModelConfig c = model.config();
        int d = c.dModel();
        NDList normed = new NDList();
        for (int l = 0; l < c.nLayer(); l++) {
            normed.add(cl.ln1Normed[l].reshape(rows, d, 1));
        }
        NDArray xhat = NDArrays.concat(normed, 2);                                              // [B·P, d, L]
        NDArray deltas = model.scratch(model.graph().upstreamCount(), rows * d);
        deltas.attach(m);
        NDList sums = new NDList();
        NDList dots = new NDList();
        int row = addGroup(corr.embedding.sub(cl.embedding).reshape(1, rows, d), 0, xhat, deltas, sums, dots);
        for (int l = 0; l < c.nLayer(); l++) {
            NDArray dz = corr.headZ[l].sub(cl.headZ[l]).reshape(rows, c.nHead(), c.dHead()).transpose(1, 0, 2);
            row = addGroup(dz.matMul(model.weights().layers.get(l).outHeads()), row, xhat, deltas, sums, dots); // z_h·W_O[h]: [H, B·P, d]
            if (!c.attnOnly()) {
                row = addGroup(corr.mlpOut[l].sub(cl.mlpOut[l]).reshape(1, rows, d), row, xhat, deltas, sums, dots);
            }
        }
        Upstream up = new Upstream(deltas, NDArrays.concat(sums, 0), NDArrays.concat(dots, 1));
        sums.close();
        dots.close();
        xhat.close();
        return up;
    }

    /** Writes one group of upstream nodes, [k, B·P, d], into ΔU from row {@code row} on; returns the next free row. */
    private static int addGroup(NDArray group, int row, NDArray xhat, NDArray deltas, NDList sums, NDList dots) {
        long k = group.getShape().get(0);
        deltas.set(new NDIndex("{}:{}", row, row + k), group.reshape(k, -1));
        sums.add(group.sum(new int[] {-1}));                                                    // [k, B·P]
        dots.add(group.transpose(1, 0, 2).matMul(xhat));                                        // [B·P, k, L]
        group.close();
        return (int) (row + k);
    }

    private static void copyRows(GraphIndex graph, float[] scores, int firstReceiver, int count, float[] values) {
        int fanIn = graph.fanIn(firstReceiver);
        for (int j = 0; j < count; j++) {
            if (graph.fanIn(firstReceiver + j) != fanIn) {
                throw new IllegalStateException("receivers of one block must share their fan-in");
            }
            System.arraycopy(values, j * fanIn, scores, graph.firstEdge(firstReceiver + j), fanIn);
        }
    }
}
