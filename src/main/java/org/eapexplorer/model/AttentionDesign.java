package org.eapexplorer.model;

import java.util.Arrays;

/**
 * What a family's attention does beyond GPT-2's softmax(q·kᵀ/√e)·v over every earlier position: the head width, norms on
 * q and k, the score scale, soft-capping of the scores, and sliding windows. {@link #STANDARD} is GPT-2's, Llama's,
 * Qwen2's and GPT-NeoX's attention.
 *
 * @param headDim     features per head, e; 0 for d_model / n_heads (Gemma and Qwen3 say {@code head_dim} explicitly).
 *                    The heads together are H·e wide: q/k/v [B, P, 3·H·e] (grouped k/v expanded), W_O [H·e, d]
 * @param qkNorm      RMSNorm of q and k after their projection, before rotary. The engine normalises after the q/k/v
 *                    receivers' gradient leaves and deltas, so a receiver is still its head's columns of the projection,
 *                    read from its own copy of the residual stream, and the norm lies inside autograd. With
 *                    {@link QkNorm#WHOLE} the norm's mean square reads every head's receiver, so patching one moves every
 *                    head's q (or k) through it: that is part of the edge's effect, in EAP, patching and circuits alike
 *                    (a grouped k counts once per query head, which equals the mean over the stored heads when no copy
 *                    is patched)
 * @param scale       the factor of q·kᵀ; 0 for 1/√headDim (Gemma: {@code query_pre_attn_scalar}^−½)
 * @param softcap     attention-logit soft-capping c (scores → c·tanh(scores/c)); 0 for none
 * @param windows     per layer, how many positions (the query's own included) a query may attend to; 0 for all
 *                    earlier ones. Empty for every layer global. Query i reads key j when j ≤ i and j > i − W, as
 *                    transformers' masking_utils has it (causal_mask_function and sliding_window_overlay, and-ed): a
 *                    window of 1 is the query's own position alone
 * @param localRotary the rotary embedding of the sliding-window layers where it differs from the global layers'
 *                    (Gemma-3's {@code rope_local_base_freq}); null for the same
 */
public record AttentionDesign(int headDim, QkNorm qkNorm, double scale, double softcap, int[] windows, Rotary localRotary) {

    /** Where q and k are normalised, if at all. */
    public enum QkNorm {
        NONE,
        /** Over each head's e features (Qwen3, Gemma-3). */
        PER_HEAD,
        /** Over the whole projection, all heads' features at once (OLMo-2). */
        WHOLE
    }

    public static final AttentionDesign STANDARD = new AttentionDesign(0, QkNorm.NONE, 0, 0, new int[0], null);

    public AttentionDesign {
        if (headDim < 0) {
            throw new IllegalArgumentException("head_dim must be positive, got " + headDim);
        }
        java.util.Objects.requireNonNull(qkNorm, "qkNorm");
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the attention scale must be finite and positive, got " + scale);
        }
        if (!(softcap >= 0) || Double.isInfinite(softcap)) {
            throw new IllegalArgumentException("attention soft-capping must be finite and positive, got " + softcap);
        }
        windows = windows.clone();
        for (int w : windows) {
            if (w < 0) {
                throw new IllegalArgumentException("a sliding window must be positive, got " + w);
            }
        }
    }

    @Override
    public int[] windows() {
        return windows.clone();
    }

    /** Layer l's window (0: the layer attends to every earlier position). */
    public int window(int l) {
        return l < windows.length ? windows[l] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionDesign a && headDim == a.headDim && qkNorm == a.qkNorm && scale == a.scale
                && softcap == a.softcap && Arrays.equals(windows, a.windows) && java.util.Objects.equals(localRotary, a.localRotary);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(headDim, qkNorm, scale, softcap, Arrays.hashCode(windows), localRotary);
    }
}
