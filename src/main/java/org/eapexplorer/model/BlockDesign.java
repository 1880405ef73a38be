package org.eapexplorer.model;

import java.util.Objects;

/**
 * What a family's transformer block is made of, beyond the sizes in {@link ModelConfig}: the norm, the MLP's form,
 * whether attention and MLP read the same input (a parallel block), how many key/value heads the query heads share,
 * and the rotary embedding of queries and keys. GPT-2's block is {@link #GPT2}.
 *
 * @param rmsNorm   RMSNorm (x/rms(x)·γ, no centring, no bias) instead of LayerNorm
 * @param gatedMlp  SwiGLU: down(act(gate(x)) ⊙ up(x)) instead of proj(act(fc(x)))
 * @param parallel  x + attn(norm1(x)) + mlp(norm2(x)) (GPT-NeoX's use_parallel_residual): the MLP reads the layer's
 *                  input, so the graph gives it no edge from the same layer's heads
 * @param kvHeads   key/value heads (grouped-query attention), 0 for one per query head
 * @param rotary    rotary embedding of q and k, or null for none (the model then has learned positions)
 * @param attention what the attention does beyond GPT-2's (head width, q/k norms, scale, soft-capping, sliding windows)
 * @param residual  where the norms sit and what else touches the residual stream (Gemma's post-norms, OLMo-2's)
 */
public record BlockDesign(Family family, boolean rmsNorm, boolean gatedMlp, boolean parallel, int kvHeads, Rotary rotary,
                          AttentionDesign attention, ResidualDesign residual) {

    public static final BlockDesign GPT2 = new BlockDesign(Family.GPT2, false, false, false, 0, null);

    /** A block with the standard attention and pre-norms. */
    public BlockDesign(Family family, boolean rmsNorm, boolean gatedMlp, boolean parallel, int kvHeads, Rotary rotary) {
        this(family, rmsNorm, gatedMlp, parallel, kvHeads, rotary, AttentionDesign.STANDARD, ResidualDesign.STANDARD);
    }

    public BlockDesign {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(residual, "residual");
        if (kvHeads < 0) {
            throw new IllegalArgumentException("num_key_value_heads must be positive, got " + kvHeads);
        }
    }

    public BlockDesign withAttention(AttentionDesign a) {
        return new BlockDesign(family, rmsNorm, gatedMlp, parallel, kvHeads, rotary, a, residual);
    }

    public BlockDesign withResidual(ResidualDesign r) {
        return new BlockDesign(family, rmsNorm, gatedMlp, parallel, kvHeads, rotary, attention, r);
    }

    public boolean hasRotary() {
        return rotary != null;
    }
}
