package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
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
 * Edge Attribution Patching for one batch of prompt pairs: two forward passes and one backward pass; or one of its
 * successors ({@link AttributionMethod}), which take the gradient as a mean over more runs (EAP-IG's interpolated
 * inputs, clean-corrupted's corrupted run) and dot it with the same Δu.
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
 * (RMSNorm: x̂ = x/σ with no centring, so the same without the α term; a block without input norms (OLMo-2) projects
 * x itself: σ = 1, γ = 1 and no α or β, the score is Σ_bp Δu·(g W_hᵀ) alone; a rotary model's q and k are rotated, and
 * q/k norms applied, after the leaf, so g is already the gradient at the projection)
 * where x̂W̃ comes from the forward pass's own projection (qkv − b − βW, less W_pos·W for a shortformer model: that
 * term is a constant added after LayerNorm-1, so it shifts q and k, and with them the attention pattern and g, but adds
 * nothing to the backward pass through LayerNorm). The first term is one matrix
 * product per layer, ΔU[:fanIn]·Ĝ_lᵀ, with ΔU the stacked upstream differences; the full
 * 157×445×(B·P·d) product is never formed and no receiver gradient outlives its layer. An attention-only
 * model has no MLP rows in ΔU and no MLP receivers: the logits are then the only receiver that reads the
 * residual stream directly.
 *
 * <p>The score is linear in the gradient, so the runs' ĝ are summed before the big product, which is made once
 * whatever the method; only the LayerNorm term, which reads each run's own x̂ and σ, is kept per run (see EapGradients).
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

    /**
     * Batch rows (prompts × positions) of EAP-IG's interpolated runs stacked into one forward pass: one pass of many
     * rows is cheaper than many of few, but what it keeps for the backward pass grows with the rows, about 1.7 MB a
     * row for GPT-2 small (measured: 1,200 stacked rows took the peak from 2.0 to 4.1 GiB). 600 keeps EAP-IG at the
     * default batch of 20 within 4 GiB (docs/BENCHMARKS.md).
     */
    private static final long STACKED_ROWS = 600;

    private EapKernel() {
    }

    /**
     * @param scale the factor of Σ_i m_i in L: 1/N for the mean over all N pairs of a prompt set, so that
     *              scores of several batches add up exactly to the scores of the whole set
     */
    public static BatchResult run(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind, double scale) {
        return run(model, pairs, kind, scale, MethodSpec.EAP);
    }

    public static BatchResult run(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind, double scale, MethodSpec method) {
        return run(model, pairs, kind, scale, method, STACKED_ROWS);
    }

    /** @param stackedRows batch rows of EAP-IG's interpolated runs that may share one forward pass (tests vary it) */
    static BatchResult run(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind, double scale, MethodSpec method, long stackedRows) {
        ModelConfig c = model.config();
        TransformerForward forward = model.forward();
        int runs = method.gradientRuns();
        // L for one gradient run is scale·Σ_i m_i; the method's gradient is the mean over its runs.
        double runScale = scale / runs;
        try (NDManager m = model.manager().newSubManager()) {
            PairRuns batch = PairRuns.of(model, pairs, kind);
            long rows = (long) batch.clean().batch() * batch.clean().positions();
            EapGradients grads = new EapGradients(c.nLayer());

            long fwdCorrupted;
            long bwd = 0;
            ForwardRun corr;
            double[] metricCorrupted;
            if (method.method() == AttributionMethod.CLEAN_CORRUPTED) {
                // The corrupted run is a gradient run too, scored by the clean prompts' labels (as EAP-IG does).
                GradientPass pass = gradientPass(m, model, batch.corrupted(), ForwardOptions.RECORD_WITH_GRADIENTS, pairs, kind, runScale);
                corr = pass.run();
                metricCorrupted = pass.metric();
                fwdCorrupted = pass.forwardNanos();
                bwd += pass.backwardNanos();
                // Gathered now: a gradient collector may reset what the next one would find.
                grads.add(m, model, batch.corrupted(), corr, 1, false);
            } else {
                long t0 = System.nanoTime();
                corr = forward.run(m, batch.corrupted(), ForwardOptions.RECORD);
                metricCorrupted = LanguageModel.toDoubles(
                        TaskMetric.perPrompt(m, corr.logits, kind, pairs, c.vocabSize()).toFloatArray());
                fwdCorrupted = System.nanoTime() - t0;
            }

            // Every method's gradient runs include the clean run itself (EAP-IG's step k = N): it gives Δu too.
            GradientPass clean = gradientPass(m, model, batch.clean(), ForwardOptions.RECORD_WITH_GRADIENTS, pairs, kind, runScale);
            ForwardRun cl = clean.run();
            double[] metricClean = clean.metric();
            long fwdClean = clean.forwardNanos();
            bwd += clean.backwardNanos();
            long t2 = System.nanoTime();
            Upstream up = upstream(m, model, corr, cl, rows);
            grads.add(m, model, batch.clean(), cl, 1, true);
            long scoring = System.nanoTime() - t2;
            if (method.method() == AttributionMethod.EAP_IG_INPUTS) {
                long[] spent = interpolatedRuns(m, model, batch, corr.embedding, cl.embedding, method.steps(), runScale, stackedRows, grads);
                fwdClean += spent[0];
                bwd += spent[1];
                scoring += spent[2];
            }
            long t3 = System.nanoTime();
            float[] scores = score(m, model, rows, up, grads);
            scoring += System.nanoTime() - t3;
            return new BatchResult(scores, metricClean, metricCorrupted, new Timings(fwdCorrupted, fwdClean, bwd, scoring));
        }
    }

    /** A forward pass that records and takes gradients, the metric of each of its rows, and the time of each half. */
    private record GradientPass(ForwardRun run, double[] metric, long forwardNanos, long backwardNanos) {
    }

    /** Runs {@code tokens} forward and L = runScale·Σ_rows m back, leaving ∂L at the run's leaves. */
    private static GradientPass gradientPass(NDManager m, LanguageModel model, TokenBatch tokens, ForwardOptions options,
                                             List<TokenizedPair> rows, MetricKind kind, double runScale) {
        long t0 = System.nanoTime();
        if (model.layerwiseGradients()) {
            double[][] metric = new double[1][];
            long[] forwardEnd = new long[1];
            ForwardRun run = LayerwiseGradients.run(m, model.forward(), model.weights(), model.config().nLayer(), tokens, options, logits -> {
                NDArray perPrompt = TaskMetric.perPrompt(m, logits, kind, rows, model.config().vocabSize());
                metric[0] = LanguageModel.toDoubles(perPrompt.toFloatArray());
                forwardEnd[0] = System.nanoTime();
                return perPrompt.sum().mul(OwnedArrays.constant(m, runScale));
            });
            return new GradientPass(run, metric[0], forwardEnd[0] - t0, System.nanoTime() - forwardEnd[0]);
        }
        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
            ForwardRun run = model.forward().run(m, tokens, options);
            NDArray perPrompt = TaskMetric.perPrompt(m, run.logits, kind, rows, model.config().vocabSize());
            double[] metric = LanguageModel.toDoubles(perPrompt.toFloatArray());
            long t1 = System.nanoTime();
            collector.backward(perPrompt.sum().mul(OwnedArrays.constant(m, runScale))); // a scalar autograd may keep: see constant()
            run.takeLeafGradients(m);
            return new GradientPass(run, metric, t1 - t0, System.nanoTime() - t1);
        }
    }

    /**
     * EAP-IG's steps k = 1..N−1 (k = N is the clean run, already taken): the clean tokens with the input embedding
     * x_corr + (k/N)(x_clean − x_corr), as many steps stacked in the batch dimension as {@code stackedRows} allows.
     *
     * @return the nanoseconds spent in forward passes, in backward passes and in gathering their gradients
     */
    private static long[] interpolatedRuns(NDManager m, LanguageModel model, PairRuns batch, NDArray xCorr, NDArray xClean, int steps,
                                           double runScale, long stackedRows, EapGradients grads) {
        long rows = (long) batch.clean().batch() * batch.clean().positions();
        int perChunk = (int) Math.max(1, Math.min(steps - 1, stackedRows / rows));
        long forwardNanos = 0;
        long backwardNanos = 0;
        long gatherNanos = 0;
        NDArray diff = xClean.sub(xCorr);                                                   // once, for every step
        diff.attach(m);
        for (int k0 = 1; k0 < steps; k0 += perChunk) {
            int k1 = Math.min(steps, k0 + perChunk);   // steps k0 … k1−1
            int copies = k1 - k0;
            try (NDManager chunk = m.newSubManager()) {
                NDList inputs = new NDList();
                for (int k = k0; k < k1; k++) {
                    NDArray x = xCorr.add(diff.mul((double) k / steps));
                    x.attach(chunk);
                    inputs.add(x);
                }
                NDArray embedding = NDArrays.concat(inputs, 0);                                   // [copies·B, P, d]
                embedding.attach(chunk);
                TokenBatch tokens = batch.clean().repeat(copies);
                GradientPass pass = gradientPass(chunk, model, tokens, ForwardOptions.RECORD_WITH_GRADIENTS.withEmbedding(embedding),
                        java.util.Collections.nCopies(copies, batch.pairs()).stream().flatMap(List::stream).toList(), batch.kind(), runScale);
                long t = System.nanoTime();
                grads.add(m, model, tokens, pass.run(), copies, false);
                forwardNanos += pass.forwardNanos();
                backwardNanos += pass.backwardNanos();
                gatherNanos += System.nanoTime() - t;
            }
        }
        return new long[] {forwardNanos, backwardNanos, gatherNanos};
    }

    /** The stacked upstream differences and the two reductions of them the LayerNorm terms need. */
    private record Upstream(
            NDArray deltas,   // [n_up, B·P·d]: (u_corrupted − u_clean), rows in upstream order
            NDArray sums,     // [n_up, B·P]:   Σ_d Δu
            NDArray normDots) { // [B·P, n_up, L]: Δu·x̂_l, x̂_l the clean run's normalised input of layer l's attention; null without input norms
    }

    private static float[] score(NDManager m, LanguageModel model, long rows, Upstream up, EapGradients grads) {
        ModelConfig c = model.config();
        GraphIndex graph = model.graph();
        int heads = c.nHead();
        int e = c.dHead();
        int d = c.dModel();
        float[] scores = new float[graph.edgeCount()];

        NDList residualGrads = new NDList();
        List<Integer> residualReceivers = new ArrayList<>();   // the receiver of each row of residualGrads
        // Ĝ is made CHUNK_BYTES at a time (rows of B·P): a whole layer's would be 3H·B·P·d floats, fresh
        // memory every layer, and the page faults of fresh memory cost more than the product itself.
        long chunkRows = Math.max(1, CHUNK_BYTES / (3L * heads * d * Float.BYTES));
        for (int l = 0; l < c.nLayer(); l++) {
            try (NDManager layer = m.newSubManager()) {
                NDArray headsTGain = model.weights().qkvHeadsTGain(l, layer);                        // [3, H, e, d]
                int fanIn = graph.fanIn(graph.receiverIndex(l, Qkv.Q, 0));
                NDArray gHat = grads.gHat[l];                                                        // ĝ [B·P, 3, H, e]
                boolean inputNorms = c.design().residual().inputNorms();
                // The LayerNorm terms (β; α for LayerNorm); none without input norms, whose ĝW̃ᵀ is the plain gWᵀ.
                NDArray block = !inputNorms ? layer.zeros(new Shape(3L * heads, fanIn), gHat.getDataType())
                        : grads.betaClean[l].matMul(up.normDots().get(layer, new NDIndex(":, 0:{}, {}", fanIn, l)));  // [3H, fanIn]
                if (inputNorms && !c.design().rmsNorm()) {
                    // LayerNorm's centring term; RMSNorm does not centre, so its input gradient has none.
                    NDArray alpha = gHat.mul(headsTGain.sum(new int[] {-1})).sum(new int[] {-1})              // [B·P, 3, H]
                            .reshape(rows, 3L * heads).transpose().div(d);                          // [3H, B·P]
                    alpha.attach(layer);
                    block = block.add(alpha.matMul(up.sums().get(layer, new NDIndex("0:{}", fanIn)).transpose()));
                }
                block = block.neg();
                block.attach(layer);
                NDArray betaOther = null;
                NDArray xhatOther = null;
                if (grads.hasOtherRuns()) {
                    betaOther = NDArrays.concat(grads.betaOther[l], 2);                                // [B·P, 3H, S]
                    xhatOther = NDArrays.concat(grads.xhatOther[l], 1);                                // [B·P, S, d]
                    betaOther.attach(layer);
                    xhatOther.attach(layer);
                }
                for (long r0 = 0; r0 < rows; r0 += chunkRows) {
                    long r1 = Math.min(rows, r0 + chunkRows);
                    NDIndex range = new NDIndex("{}:{}", r0, r1);
                    NDArray bigG = gHat.get(layer, range).transpose(1, 2, 0, 3)
                            .matMul(headsTGain)                                             // [3, H, rows, d]
                            .reshape(3L * heads, (r1 - r0) * d);
                    if (betaOther != null) {
                        NDArray y = betaOther.get(range).matMul(xhatOther.get(range))              // [rows, 3H, d]: Σ_runs β⊗x̂
                                .transpose(1, 0, 2).reshape(3L * heads, (r1 - r0) * d);
                        bigG = bigG.sub(y);
                    }
                    NDArray dChunk = up.deltas().get(layer, new NDIndex("0:{}, {}:{}", fanIn, r0 * d, r1 * d));
                    block.addi(bigG.matMul(dChunk.transpose()));
                }
                copyRows(graph, scores, graph.receiverIndex(l, Qkv.Q, 0), 3 * heads, block.toFloatArray());
            }
            if (!c.attnOnly()) {
                residualGrads.add(grads.mlp[l]);
                residualReceivers.add(graph.mlpReceiverIndex(l));
            }
        }
        residualGrads.add(grads.logits);
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
    private static Upstream upstream(NDManager m, LanguageModel model, ForwardRun corr, ForwardRun cl, long rows) {
        ModelConfig c = model.config();
        int d = c.dModel();
        NDArray xhat = null;                                                                    // [B·P, d, L]; none without input norms
        if (c.design().residual().inputNorms()) {
            NDList normed = new NDList();
            for (int l = 0; l < c.nLayer(); l++) {
                normed.add(cl.ln1Normed[l].reshape(rows, d, 1));
            }
            xhat = NDArrays.concat(normed, 2);
        }
        NDArray deltas = model.scratch(model.graph().upstreamCount(), rows * d);
        deltas.attach(m);
        NDList sums = new NDList();
        NDList dots = new NDList();
        int row = addGroup(corr.embedding.sub(cl.embedding).reshape(1, rows, d), 0, xhat, deltas, sums, dots);
        for (int l = 0; l < c.nLayer(); l++) {
            NDArray dz = corr.headZ[l].sub(cl.headZ[l]).reshape(rows, c.nHead(), c.dHead());
            NDArray heads = model.weights().headOutputs(dz, l);                                  // z_h·W_O[h]: [H, B·P, d]
            if (cl.attnSum[l] != null) {
                // A sandwich block: the edge's patching curve moves its receiver by post_norm(S + λΔ) − post_norm(S); EAP takes
                // its derivative at λ = 0, the norm's Jacobian at the clean sum times Δ (PostNorm).
                heads = PostNorm.jacobian(heads, cl.attnSum[l].reshape(1, rows, d), model.weights().postAttnGain(l, m), c.layerNormEps());
            }
            row = addGroup(heads, row, xhat, deltas, sums, dots);
            if (!c.attnOnly()) {
                row = addGroup(corr.mlpOut[l].sub(cl.mlpOut[l]).reshape(1, rows, d), row, xhat, deltas, sums, dots);
            }
        }
        Upstream up = new Upstream(deltas, NDArrays.concat(sums, 0), xhat == null ? null : NDArrays.concat(dots, 1));
        sums.close();
        dots.close();
        if (xhat != null) {
            xhat.close();
        }
        return up;
    }

    /** Writes one group of upstream nodes, [k, B·P, d], into ΔU from row {@code row} on; returns the next free row. */
    private static int addGroup(NDArray group, int row, NDArray xhat, NDArray deltas, NDList sums, NDList dots) {
        long k = group.getShape().get(0);
        deltas.set(new NDIndex("{}:{}", row, row + k), group.reshape(k, -1));
        sums.add(group.sum(new int[] {-1}));                                                    // [k, B·P]
        if (xhat != null) {
            dots.add(group.transpose(1, 0, 2).matMul(xhat));                                    // [B·P, k, L]
        }
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
