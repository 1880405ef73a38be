package org.eapexplorer.model;

/**
 * How a family's blocks meet the residual stream, beyond GPT-2's x + attn(norm(x)), then + mlp(norm(·)): where the
 * norms sit, their gain, a scale on the embedding and soft-capping of the final logits. {@link #STANDARD} is GPT-2's,
 * Llama's, Qwen2's and GPT-NeoX's.
 *
 * @param norms        where each block's norms are
 * @param unitOffset   a norm's gain is 1 + w (Gemma's RMSNorm), not w
 * @param embedScale   the token embedding is multiplied by it (Gemma: √d_model); 1 for none
 * @param finalSoftcap final-logit soft-capping c (logits → c·tanh(logits/c)); 0 for none
 */
public record ResidualDesign(Norms norms, boolean unitOffset, double embedScale, double finalSoftcap) {

    /** Where a block's norms are. */
    public enum Norms {
        /** Before attention and before the MLP (GPT-2, Llama). */
        PRE,
        /** Before and after each (Gemma-2/3: the output is normalised before it is added to the residual stream). */
        SANDWICH,
        /** After each only, into the residual stream (OLMo-2). */
        POST
    }

    public static final ResidualDesign STANDARD = new ResidualDesign(Norms.PRE, false, 1.0, 0);

    public ResidualDesign {
        java.util.Objects.requireNonNull(norms, "norms");
        if (!(embedScale > 0) || Double.isInfinite(embedScale)) {
            throw new IllegalArgumentException("the embedding scale must be finite and positive, got " + embedScale);
        }
        if (!(finalSoftcap >= 0) || Double.isInfinite(finalSoftcap)) {
            throw new IllegalArgumentException("final-logit soft-capping must be finite and positive, got " + finalSoftcap);
        }
    }

    /**
     * Attention and the MLP read their input through a norm (LayerNorm-1, LayerNorm-2); false for OLMo-2's blocks, whose
     * q/k/v projections and MLP read the residual stream itself.
     */
    public boolean inputNorms() {
        return norms != Norms.POST;
    }

    /** Attention and MLP outputs pass through a norm of their own before the residual stream. */
    public boolean postNorms() {
        return norms != Norms.PRE;
    }
}
