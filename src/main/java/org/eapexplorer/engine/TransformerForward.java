package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.ModelConfig;

/**
 * The forward pass of every family's block (GPT-2, Llama, Qwen2/3, Mistral, Gemma-2/3, OLMo-2, GPT-NeoX: {@link org.eapexplorer.model.BlockDesign}), written so that the EAP graph's nodes and receivers are visible: each head's output
 * is z_h·W_O[h] (recorded as z, multiplied out only where needed), each receiver's input can be observed
 * (gradient leaves) and changed (deltas) without touching any other receiver. Every array is created in
 * the pass's own manager, so closing it frees the pass; the weights are never the receiver of an operation
 * (DJL attaches a result to the manager of the array it is called on). An attention-only model skips the MLP
 * of every layer: the residual stream after the attention is the layer's output. With TransformerLens's shortformer
 * positional embedding the residual stream (and so the {@code input} node) is the token embedding alone, and each
 * layer's queries and keys read LN1(x) + W_pos: q = (LN1(x) + W_pos)·W_Q + b_Q, k likewise, v = LN1(x)·W_V + b_V.
 *
 * <p>Other families: the norm is LayerNorm or RMSNorm; a rotary model has no positions in the residual stream and rotates
 * q and k after their projection (and after the gradient leaf, so EAP's leaf gradient is the one at the projection, as
 * for GPT-2); a block with post-norms only (OLMo-2) has no norm 1 or 2: its q/k/v projections and its MLP read the
 * residual stream itself; a gated MLP is down(act(gate(x)) ⊙ up(x)); a parallel block's MLP reads the layer's input, not the stream
 * after attention. Grouped key/value heads are stored once and their projections repeated per query head
 * ({@link QkvLayout}), so attention here is always one k and one v per query head.
 *
 * <p>{@link AttentionDesign}: heads e wide whatever d_model is (q/k/v [B, P, 3·H·e], W_O [H·e, d]); q/k RMSNorm (Qwen3's
 * per head, OLMo-2's over the whole projection) between the receivers (leaf and deltas, at the projection) and rotary; the score scale; soft-capping
 * c·tanh(s/c) before the mask; each layer's causal mask banded by its sliding window and its own rotation
 * ({@link Positions}). Edge patching and circuits run through the same attention, so they use the same masks.
 */
final class TransformerForward {

    private final ModelConfig config;
    private final GraphIndex graph;
    private final TransformerWeights w;
    private final RotaryEmbedding rotary;   // null without rotary positions
    private final RotaryEmbedding localRotary;   // the sliding-window layers' where it differs (Gemma-3), else null
    private final AttentionDesign attention;
    private final boolean inputNorms;   // false for OLMo-2: q/k/v and the MLP read the residual stream itself
    private final ReceiverQkv receiverQkv;

    TransformerForward(ModelConfig config, GraphIndex graph, TransformerWeights weights) {
        this.config = config;
        this.graph = graph;
        this.w = weights;
        this.attention = config.design().attention();
        this.inputNorms = config.design().residual().inputNorms();
        this.rotary = config.design().hasRotary() ? new RotaryEmbedding(config.design().rotary(), config.dHead()) : null;
        this.localRotary = attention.localRotary() == null ? null : new RotaryEmbedding(attention.localRotary(), config.dHead());
        this.receiverQkv = new ReceiverQkv(config, graph, weights, this);
    }

    ForwardRun run(NDManager m, TokenBatch batch, ForwardOptions options) {
        int b = batch.batch();
        int p = batch.positions();
        int d = config.dModel();
        ForwardRun run = new ForwardRun(config.nLayer());

        NDArray ids = OwnedArrays.owned(m.create(batch.tokens(), new Shape((long) b * p)));
        NDArray tok = w.embed(m, ids).reshape(b, p, d);                                   // [B, P, d]
        double embedScale = config.design().residual().embedScale();
        if (embedScale != 1.0) {
            tok = tok.mul(OwnedArrays.constant(m, (float) embedScale));   // Gemma's √d_model, as a float32 scalar
        }
        // Shortformer and rotary models: the residual stream starts from the token embedding alone (a shortformer's W_pos
        // enters each layer's q and k).
        NDArray resid = w.positionEmbedding == null || config.shortformer() ? tok : tok.add(w.positions(m, p));
        if (options.embedding() != null) {
            if (!options.embedding().getShape().equals(resid.getShape())) {
                throw new IllegalArgumentException("an input embedding of shape " + options.embedding().getShape()
                        + " for a batch of shape " + resid.getShape());
            }
            resid = options.embedding();
        }
        if (options.recordNodes()) {
            run.embedding = resid;
        }
        if (options.circuit() != null) {
            options.circuit().embeddingComputed(resid);
        }
        return continueFrom(m, batch, 0, false, resid, positions(m, p), run, options);
    }

    /**
     * The forward pass from layer {@code start} on, given the residual stream where it starts: before the
     * layer's attention, or ({@code atMlp}) before its MLP. Edge patching uses this to recompute only what
     * a patch can change.
     */
    ForwardRun runFrom(NDManager m, TokenBatch batch, int start, boolean atMlp, NDArray resid, ForwardOptions options) {
        requireMlpStart(start, atMlp);
        return continueFrom(m, batch, start, atMlp, resid, positions(m, batch.positions()), new ForwardRun(config.nLayer()), options);
    }

    private ForwardRun continueFrom(NDManager m, TokenBatch batch, int start, boolean atMlp, NDArray resid, Positions positions,
                                    ForwardRun run, ForwardOptions options) {
        int b = batch.batch();
        int p = batch.positions();
        for (int l = start; l < config.nLayer(); l++) {
            // Per-layer scope: intermediates nobody keeps are freed now rather than with the pass (autograd
            // holds its own references to what the backward pass needs), the layer's converted weights with them.
            try (NDScope scope = new NDScope()) {
                resid = layer(m, l, l == start && atMlp, resid, positions, b, p, run, options);
                keep(resid, run.residMid[l], run.qkv[l], run.qkvLeaf[l], run.ln1Normed[l], run.ln1Std[l], run.headZ[l], run.mlpOut[l],
                        run.mlpLeaf[l], run.pattern[l], run.attnSum[l]);
            }
        }

        if (options.recordNodes()) {
            run.residFinal = resid;
        }
        try (NDScope scope = new NDScope()) {
            finish(m, batch, resid, run, options);
            keep(run.logits, run.logitsLeaf);
        }
        return run;
    }

    /**
     * Layer l on the residual stream {@code resid} entering it (or, {@code atMlp}, between its attention and its MLP), its
     * weights in the compute dtype for the layer's time: the residual stream after the layer. Call it in a scope.
     */
    NDArray layer(NDManager m, int l, boolean atMlp, NDArray resid, Positions positions, int b, int p, ForwardRun run,
                  ForwardOptions options) {
        TransformerWeights.Layer lw = w.layer(l, m);
        if (options.recordNodes()) {
            run.residPre[l] = resid;
        }
        NDArray mid = atMlp ? resid : attention(m, l, lw, resid, positions, scale(), b, p, run, options);
        if (options.recordNodes()) {
            run.residMid[l] = mid;
        }
        // A parallel block's MLP reads the layer's input; a sequential one the stream after attention.
        return config.attnOnly() ? mid : mlp(m, l, lw, config.parallel() ? resid : mid, mid, run, options);
    }

    /** The logits [B, V] of the final residual stream {@code resid} [B, P, d] (with a leaf on it if options ask): run.logits. */
    void finish(NDManager m, TokenBatch batch, NDArray resid, ForwardRun run, ForwardOptions options) {
        int b = batch.batch();
        int p = batch.positions();
        int d = config.dModel();
        NDArray finalIn = resid;
        if (options.gradientLeaves()) {
            run.logitsLeaf = leaf(m, resid.getShape());
            finalIn = finalIn.add(run.logitsLeaf);
        }
        NDArray logitsDelta = options.receiverDeltas().get(graph.logitsReceiverIndex());
        if (logitsDelta != null) {
            finalIn = finalIn.add(logitsDelta);
        }
        NDArray circuitIn = options.circuit() == null ? null : options.circuit().logitsInput(finalIn);
        if (circuitIn != null) {
            finalIn = circuitIn;
        }
        if (!options.allPositions()) {
            // Gather each prompt's last real position as a one-hot product: exact, and differentiable.
            NDArray selector = OwnedArrays.owned(m.create(batch.lastPositionSelector(), new Shape(b, 1, p)));
            finalIn = selector.matMul(finalIn).reshape(b, d);                             // [B, d]
        }
        run.logits = softcap(w.logits(finalNorm(finalIn)));
    }

    /** Final-logit soft-capping, c·tanh(logits/c) (Gemma-2); the logits themselves without it. */
    NDArray softcap(NDArray logits) {
        return Softcap.apply(logits, w.finalSoftcap());
    }

    /** The final norm, ln_f(x), over the last axis. */
    NDArray finalNorm(NDArray x) {
        return affine(normalize(x)[0], w.lnFinalGain, w.lnFinalBias);
    }

    /** x̂·γ (+ β): a norm's gain and, for LayerNorm, its bias. */
    private static NDArray affine(NDArray normed, NDArray gain, NDArray bias) {
        NDArray scaled = normed.mul(gain);
        return bias == null ? scaled : scaled.add(bias);
    }

    /** Starting a layer at its MLP needs an MLP, and one that reads the stream after attention (not a parallel block's). */
    private void requireMlpStart(int start, boolean atMlp) {
        if (atMlp && config.attnOnly()) {
            throw new IllegalArgumentException("an attention-only model has no MLP to start layer " + start + " at");
        }
        if (atMlp && config.parallel()) {
            throw new IllegalArgumentException("a parallel block's MLP reads the layer's input: start layer " + start + " at its attention");
        }
    }

    /**
     * Edge patching's pass: from layer {@code start} on (before its attention, or {@code atMlp} before its MLP) with
     * {@code deltas} on their receivers, up to the residual stream the unembedding reads at each prompt's last real
     * token, [B, d]. The metric reads nothing else, so the last layer's MLP runs on that token alone (a causal model's
     * other positions reach the last token only through attention, and there is no attention after the last MLP);
     * every earlier layer runs at every position, because later layers' keys and values read them.
     */
    NDArray runFromToLastToken(NDManager m, TokenBatch batch, int start, boolean atMlp, NDArray resid, Map<Integer, NDArray> deltas) {
        requireMlpStart(start, atMlp);
        int b = batch.batch();
        int p = batch.positions();
        int last = config.nLayer() - 1;
        ForwardOptions options = ForwardOptions.withDeltas(deltas);
        ForwardRun run = new ForwardRun(config.nLayer());
        Positions positions = positions(m, p);
        double scale = scale();
        for (int l = start; l < last; l++) {
            try (NDScope scope = new NDScope()) {
                TransformerWeights.Layer lw = w.layer(l, m);
                NDArray mid = l == start && atMlp ? resid : attention(m, l, lw, resid, positions, scale, b, p, run, options);
                // A parallel block's MLP reads the layer's input; a sequential one the stream after attention.
                resid = config.attnOnly() ? mid : mlp(m, l, lw, config.parallel() ? resid : mid, mid, run, options);
                keep(resid);
            }
        }
        try (NDScope scope = new NDScope()) {
            TransformerWeights.Layer lw = w.layer(last, m);
            NDArray mid = last == start && atMlp ? resid : attention(m, last, lw, resid, positions, scale, b, p, run, options);
            NDArray midLast = lastToken(m, batch, mid);                                            // [B, d]
            NDArray out = midLast;
            if (!config.attnOnly()) {
                NDArray mlpDelta = deltas.get(graph.mlpReceiverIndex(last));
                NDArray base = config.parallel() ? resid : mid;   // a parallel block's MLP reads the layer's input
                NDArray mlpIn = mlpDelta == null && !config.parallel() ? midLast
                        : lastToken(m, batch, mlpDelta == null ? base : base.add(mlpDelta));
                out = midLast.add(mlpOutput(m, lw, mlpIn));
            }
            keep(out);
            return out;
        }
    }

    /** Layer l's attention: the residual stream after it ("mid"). */
    private NDArray attention(NDManager m, int l, TransformerWeights.Layer lw, NDArray resid, Positions positions, double scale, int b, int p, ForwardRun run,
                              ForwardOptions options) {
        int d = config.dModel();
        int heads = config.nHead();
        int e = config.dHead();
        CircuitInputs.AttentionInputs circuitIn = options.circuit() == null ? null : options.circuit().attentionInputs(l, resid);
        if (circuitIn != null) {
            return attentionFrom(receiverQkv.circuit(m, lw, resid, circuitIn, b, p).reshape(b, p, 3, heads, e).transpose(2, 0, 3, 1, 4),
                    l, lw, resid, positions, scale, b, p, run, options);
        }
        NDArray[] norm = inputNorms ? normalize(resid) : null;
        NDArray ln1 = norm == null ? resid : affine(norm[0], lw.ln1Gain(), lw.ln1Bias());
        NDArray qkv = w.qkv.expand(ln1.matMul(lw.qkvWeight()).add(lw.qkvBias()));   // [B, P, 3He]: every query head's q, k, v
        if (config.shortformer()) {
            qkv = qkv.add(ReceiverQkv.shortformer(m, lw, p));                                  // + [P, 3d]: (LN1(x) + W_pos)·W_Q/K
        }
        if (options.recordNodes()) {
            run.qkv[l] = qkv;
        }
        if (options.gradientLeaves()) {
            run.qkvLeaf[l] = leaf(m, qkv.getShape());
            qkv = qkv.add(run.qkvLeaf[l]);
        }
        qkv = receiverQkv.withDeltas(m, l, lw, resid, ln1, qkv, options.receiverDeltas());
        if (options.recordNodes() && norm != null) {
            run.ln1Normed[l] = norm[0];
            run.ln1Std[l] = norm[1];
        }
        return attentionFrom(qkv.reshape(b, p, 3, heads, e).transpose(2, 0, 3, 1, 4), l, lw, resid, positions, scale, b, p, run, options);
    }

    private NDArray attentionFrom(NDArray heads4, int l, TransformerWeights.Layer lw, NDArray resid, Positions positions, double scale, int b, int p, ForwardRun run,
                                  ForwardOptions options) {
        NDArray q = heads4.get(0);                                                     // [B, H, P, e]
        NDArray k = heads4.get(1);
        NDArray v = heads4.get(2);
        if (attention.qkNorm() == AttentionDesign.QkNorm.PER_HEAD) {
            // Qwen3: RMSNorm of each head's q and k before rotary. After the gradient leaf and the receiver deltas, so EAP's
            // receiver gradient is still the one at the projection and the norm lies inside autograd.
            q = QkNorms.perHead(q, lw.qNormGain(), config.layerNormEps());
            k = QkNorms.perHead(k, lw.kNormGain(), config.layerNormEps());
        } else if (attention.qkNorm() == AttentionDesign.QkNorm.WHOLE) {
            // OLMo-2: over the whole projection, after the leaf and the deltas too (QkNorms says what the graph makes of
            // it); the gains held [H, 1, e], a grouped k's repeated for each of its query heads (TransformerWeights).
            q = QkNorms.whole(q, lw.qNormGain(), config.layerNormEps());
            k = QkNorms.whole(k, lw.kNormGain(), config.layerNormEps());
        }
        if (positions.rotation(l) != null) {
            q = positions.rotation(l).rotate(q);
            k = positions.rotation(l).rotate(k);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(OwnedArrays.constant(q.getManager(), scale));  // [B, H, P, P]
        scores = Softcap.apply(scores, attention.softcap()).add(positions.causalMask(l));   // Gemma-2 caps before the mask
        NDArray pattern = scores.softmax(-1);
        if (options.recordPatterns()) {
            run.pattern[l] = pattern;
        }
        NDArray z = pattern.matMul(v).transpose(0, 2, 1, 3);                          // [B, P, H, e]
        if (options.recordNodes()) {
            run.headZ[l] = z;
        }
        if (options.circuit() != null) {
            options.circuit().headsComputed(l, z);
        }
        NDArray attnOut = z.reshape(b, p, config.dAttention()).matMul(lw.outWeight()).add(lw.outBias());  // [B, P, He]·[He, d]
        if (lw.postAttnGain() != null) {
            // A sandwich block: the heads' sum is normalised before the residual stream (PostNorm says what the graph makes of it).
            if (options.recordNodes()) {
                run.attnSum[l] = attnOut;
            }
            if (options.circuit() != null) {
                options.circuit().attentionSumComputed(l, attnOut);
            }
            attnOut = PostNorm.apply(attnOut, lw.postAttnGain(), config.layerNormEps());
        }
        return resid.add(attnOut);
    }

    /**
     * Layer l's MLP reading {@code input} (the stream after attention, or a parallel block's layer input): {@code base}
     * plus its output, the residual stream after the layer.
     */
    private NDArray mlp(NDManager m, int l, TransformerWeights.Layer lw, NDArray input, NDArray base, ForwardRun run, ForwardOptions options) {
        NDArray mlpIn = input;
        if (options.gradientLeaves()) {
            run.mlpLeaf[l] = leaf(m, input.getShape());
            mlpIn = mlpIn.add(run.mlpLeaf[l]);
        }
        NDArray mlpDelta = options.receiverDeltas().get(graph.mlpReceiverIndex(l));
        if (mlpDelta != null) {
            mlpIn = mlpIn.add(mlpDelta);
        }
        NDArray circuitIn = options.circuit() == null ? null : options.circuit().mlpInput(l, mlpIn);
        if (circuitIn != null) {
            mlpIn = circuitIn;
        }
        NDArray mlpOut = mlpOutput(m, lw, mlpIn);                                          // [B, P, d]
        if (options.recordNodes()) {
            run.mlpOut[l] = mlpOut;
        }
        if (options.circuit() != null) {
            options.circuit().mlpComputed(l, mlpOut);
        }
        return base.add(mlpOut);
    }

    /** {@code x} [B, P, d] at each prompt's last real token, [B, d]: a one-hot product, exact. */
    NDArray lastToken(NDManager m, TokenBatch batch, NDArray x) {
        NDArray selector = OwnedArrays.owned(m.create(batch.lastPositionSelector(), new Shape(batch.batch(), 1, batch.positions())));
        return selector.matMul(x).reshape(batch.batch(), config.dModel());
    }

    /** The MLP's output for its input {@code x} (norm 2 included): [..., d]. */
    private NDArray mlpOutput(NDManager m, TransformerWeights.Layer lw, NDArray x) {
        NDArray ln2 = inputNorms ? affine(normalize(x)[0], lw.ln2Gain(), lw.ln2Bias()) : x;   // OLMo-2's MLP reads x itself
        NDArray up = ln2.matMul(lw.fcWeight()).add(lw.fcBias());                        // [..., m]
        NDArray hidden = lw.gateWeight() == null ? MlpActivation.apply(m, config.activation(), up) : MlpActivation.apply(m, config.activation(), ln2.matMul(lw.gateWeight())).mul(up);
        NDArray out = hidden.matMul(lw.projWeight()).add(lw.projBias());
        // A sandwich block's MLP output is normalised before the residual stream: inside the node m{l}, which stays a term of the stream.
        return lw.postMlpGain() == null ? out : PostNorm.apply(out, lw.postMlpGain(), config.layerNormEps());
    }

    private static void keep(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                NDScope.unregister(a);
            }
        }
    }

    /**
     * x̂ and σ over the last axis: LayerNorm's (x − μ)/σ with the biased variance, or RMSNorm's x/σ with
     * σ = √(mean(x²) + ε).
     */
    NDArray[] normalize(NDArray x) {
        NDArray centred = config.design().rmsNorm() ? x : x.sub(x.mean(new int[] {-1}, true));
        NDArray std = centred.square().mean(new int[] {-1}, true).add(config.layerNormEps()).sqrt();
        return new NDArray[] {centred.div(std), std};
    }

    /** The factor of q·kᵀ: the family's, else 1/√e. */
    private double scale() {
        return attention.scale() > 0 ? attention.scale() : 1.0 / Math.sqrt(config.dHead());
    }

    /** LN1(x), what a q/k/v receiver projects: x itself where the block has no input norms (OLMo-2). */
    NDArray norm1(NDArray x, TransformerWeights.Layer lw) {
        return inputNorms ? affine(normalize(x)[0], lw.ln1Gain(), lw.ln1Bias()) : x;
    }

    private static NDArray leaf(NDManager m, Shape shape) {
        NDArray leaf = m.zeros(shape);
        leaf.setRequiresGradient(true);
        return leaf;
    }

    Positions positions(NDManager m, int p) {
        return Positions.of(m, p, config.nLayer(), attention, rotary, localRotary);
    }
}
