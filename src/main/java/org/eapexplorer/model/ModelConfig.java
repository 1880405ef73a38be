package org.eapexplorer.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Shape of a transformer language model, as read from a Hugging Face {@code config.json}: its sizes, and
 * ({@link #design()}) what its family's blocks are made of.
 *
 * @param dMlp     width of the MLP hidden layer ({@code n_inner}, 4·d_model when absent); 0 for an attention-only model
 * @param attnOnly no MLPs: each block is LayerNorm → attention → residual add, as TransformerLens's {@code attn_only}
 *                 models (ACDC's docstring model); the graph then has no {@code m{l}} nodes
 * @param positionalEmbedding where W_pos enters: GPT-2's residual stream, or every layer's q and k inputs
 *                 (TransformerLens's shortformer); the graph is the same either way
 * @param bosToken the token id every prompt is given in front ({@code "prepend_bos": true} with
 *                 {@code bos_token_id}); empty for none, GPT-2's own convention
 * @param layerNormEps the ε of every norm (LayerNorm's or RMSNorm's)
 * @param design   the family's block: norm, MLP form, parallel block, key/value heads, rotary embedding
 */
public record ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize,
                          double layerNormEps, Activation activation, boolean attnOnly,
                          PositionalEmbedding positionalEmbedding, OptionalInt bosToken, BlockDesign design) {

    public ModelConfig {
        Objects.requireNonNull(positionalEmbedding, "positionalEmbedding");
        Objects.requireNonNull(bosToken, "bosToken");
        Objects.requireNonNull(design, "design");
        if (nLayer <= 0 || nHead <= 0 || dModel <= 0 || nPositions <= 0 || vocabSize <= 0 || (!attnOnly && dMlp <= 0)) {
            throw new IllegalArgumentException("model dimensions must be positive: " + describe(nLayer, nHead, dModel, dMlp, nPositions, vocabSize));
        }
        if (attnOnly && dMlp != 0) {
            // dMlp 0 is how the rest of the program can tell there is no MLP to size anything by.
            throw new IllegalArgumentException("an attention-only model has no MLP, so n_inner must be 0 here, got " + dMlp);
        }
        if (design.attention().headDim() == 0 && dModel % nHead != 0) {
            throw new IllegalArgumentException("n_embd (" + dModel + ") must be divisible by n_head (" + nHead + ")");
        }
        if (design.attention().windows().length != 0 && design.attention().windows().length != nLayer) {
            throw new IllegalArgumentException("sliding windows for " + design.attention().windows().length + " layers in a model of "
                    + nLayer);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_epsilon must be positive, got " + layerNormEps);
        }
        if (design.kvHeads() != 0 && (design.kvHeads() > nHead || nHead % design.kvHeads() != 0)) {
            throw new IllegalArgumentException("num_attention_heads (" + nHead + ") must be a multiple of num_key_value_heads ("
                    + design.kvHeads() + ")");
        }
        if (design.hasRotary() != (positionalEmbedding == PositionalEmbedding.ROTARY)) {
            throw new IllegalArgumentException("a rotary embedding goes with rotary positions, got " + positionalEmbedding
                    + (design.hasRotary() ? " with" : " without") + " a rotary embedding");
        }
        int e = design.attention().headDim() == 0 ? dModel / nHead : design.attention().headDim();
        for (Rotary r : java.util.Arrays.asList(design.rotary(), design.attention().localRotary())) {
            if (r != null && r.dims() > e) {
                throw new IllegalArgumentException("rotary dimensions (" + r.dims() + ") exceed the head size (" + e + ")");
            }
        }
        if (design.attention().localRotary() != null && !design.hasRotary()) {
            throw new IllegalArgumentException("a local rotary embedding needs a global one");
        }
        if (design.parallel() && attnOnly) {
            throw new IllegalArgumentException("a parallel block needs an MLP");
        }
        if (bosToken.isPresent() && (bosToken.getAsInt() < 0 || bosToken.getAsInt() >= vocabSize)) {
            throw new IllegalArgumentException("bos_token_id " + bosToken.getAsInt() + " is not a token id of the vocabulary (0 … "
                    + (vocabSize - 1) + ")");
        }
    }

    /** GPT-2's block. */
    public ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize, double layerNormEps,
                       Activation activation, boolean attnOnly, PositionalEmbedding positionalEmbedding, OptionalInt bosToken) {
        this(nLayer, nHead, dModel, dMlp, nPositions, vocabSize, layerNormEps, activation, attnOnly, positionalEmbedding, bosToken,
                BlockDesign.GPT2);
    }

    /** GPT-2's positional embedding and no BOS token. */
    public ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize, double layerNormEps,
                       Activation activation, boolean attnOnly) {
        this(nLayer, nHead, dModel, dMlp, nPositions, vocabSize, layerNormEps, activation, attnOnly,
                PositionalEmbedding.STANDARD, OptionalInt.empty());
    }

    /** A model with an MLP in every layer. */
    public ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize, double layerNormEps,
                       Activation activation) {
        this(nLayer, nHead, dModel, dMlp, nPositions, vocabSize, layerNormEps, activation, false);
    }

    /** An attention-only model: no MLPs, so no MLP width. */
    public static ModelConfig attentionOnly(int nLayer, int nHead, int dModel, int nPositions, int vocabSize, double layerNormEps) {
        return new ModelConfig(nLayer, nHead, dModel, 0, nPositions, vocabSize, layerNormEps, Activation.GELU_TANH, true);
    }

    /** The same model with its positional embedding entering as {@code type} says. */
    public ModelConfig withPositionalEmbedding(PositionalEmbedding type) {
        return new ModelConfig(nLayer, nHead, dModel, dMlp, nPositions, vocabSize, layerNormEps, activation, attnOnly, type, bosToken, design);
    }

    /** The same model with {@code bos} (or, when empty, nothing) put in front of every prompt. */
    public ModelConfig withBosToken(OptionalInt bos) {
        return new ModelConfig(nLayer, nHead, dModel, dMlp, nPositions, vocabSize, layerNormEps, activation, attnOnly, positionalEmbedding, bos, design);
    }

    /**
     * How this model differs from GPT-2, for the status line, the CLI's messages and sessions: its family and blocks
     * ({@link #describeArchitecture()}) unless it is GPT-2, and how it reads its input ("shortformer positions, BOS 41
     * prepended"); empty for GPT-2 with GPT-2's own conventions.
     */
    public String inputConventions() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (family() != Family.GPT2) {
            parts.add(describeArchitecture());
        }
        if (shortformer()) {
            parts.add("shortformer positions");
        }
        if (bosToken.isPresent()) {
            parts.add("BOS " + bosToken.getAsInt() + " prepended");
        }
        return String.join(", ", parts);
    }

    public boolean shortformer() {
        return positionalEmbedding == PositionalEmbedding.SHORTFORMER;
    }

    /** Features per head, e: {@link AttentionDesign#headDim()} where the family says it, else d_model / n_heads. */
    public int dHead() {
        return design.attention().headDim() == 0 ? dModel / nHead : design.attention().headDim();
    }

    /** The width of all query heads together, H·e: the attention's output, the input of W_O. */
    public int dAttention() {
        return nHead * dHead();
    }

    /** Key/value heads: fewer than the query heads with grouped-query attention. */
    public int kvHeads() {
        return design.kvHeads() == 0 ? nHead : design.kvHeads();
    }

    public Family family() {
        return design.family();
    }

    /** Attention and MLP read the same input (GPT-NeoX's parallel residual). */
    public boolean parallel() {
        return design.parallel();
    }

    /**
     * "Llama, 4 query / 2 key-value heads, rotary" — the family and what sets its blocks apart, for the status line and
     * the score file; "GPT-2" for GPT-2's own.
     */
    public String describeArchitecture() {
        StringBuilder s = new StringBuilder(family().displayName());
        if (kvHeads() != nHead) {
            s.append(", ").append(nHead).append(" query / ").append(kvHeads()).append(kvHeads() == 1 ? " key-value head" : " key-value heads");
        }
        if (design.hasRotary()) {
            s.append(design.rotary().dims() == dHead() ? ", rotary" : ", partial rotary (" + design.rotary().dims() + " of " + dHead() + ")");
        }
        if (parallel()) {
            s.append(", parallel attention and MLP");
        }
        AttentionDesign a = design.attention();
        if (dHead() * nHead != dModel) {
            s.append(", heads of ").append(dHead());
        }
        if (a.qkNorm() != AttentionDesign.QkNorm.NONE) {
            s.append(a.qkNorm() == AttentionDesign.QkNorm.PER_HEAD ? ", q/k norms per head" : ", q/k norms");
        }
        int sliding = (int) java.util.Arrays.stream(a.windows()).filter(w -> w > 0).count();
        if (sliding > 0) {
            s.append(", sliding window ").append(java.util.Arrays.stream(a.windows()).filter(w -> w > 0).max().getAsInt())
                    .append(sliding == nLayer ? "" : " on " + sliding + " of " + nLayer + " layers");
        }
        ResidualDesign r = design.residual();
        if (r.norms() != ResidualDesign.Norms.PRE) {
            s.append(r.norms() == ResidualDesign.Norms.SANDWICH ? ", norms before and after attention and MLP" : ", norms after attention and MLP");
        }
        if (a.softcap() > 0 || r.finalSoftcap() > 0) {
            s.append(", soft-capped ").append(a.softcap() > 0 && r.finalSoftcap() > 0 ? "scores and logits" : a.softcap() > 0 ? "scores" : "logits");
        }
        return s.toString();
    }

    public GraphIndex graph() {
        return GraphIndex.of(nLayer, nHead, attnOnly, parallel());
    }

    private static String describe(int l, int h, int d, int m, int p, int v) {
        return "n_layer=" + l + " n_head=" + h + " n_embd=" + d + " n_inner=" + m + " n_positions=" + p + " vocab_size=" + v;
    }
}
