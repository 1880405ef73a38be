package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;

/**
 * The RMSNorms of q and k before rotary ({@link org.eapexplorer.model.AttentionDesign.QkNorm}), applied after the q/k/v
 * receivers' gradient leaves and deltas, so that EAP's receiver gradient is still the one at the projection and the norm
 * lies inside autograd.
 *
 * <p>The graph under a norm over the whole projection (OLMo-2's {@code q_norm} over H·e, {@code k_norm} over K·e): each
 * q/k/v receiver is one head's input to its own slice of the projection; the layer's norm is then computed over the
 * slices as the heads computed them, so it couples the heads of one layer as the softmax couples positions (a patch of
 * one head's q input moves the denominator of every head's q in that layer), and EAP's leaf gradient at a slice is
 * exactly the derivative of that patching curve at 0. Grouped key/value heads: the graph gives every query head its own k
 * receiver, so k is normalised over every query head's copy of its key/value head's k (H·e wide, the gain repeated for
 * each query head of the group as the projection is). Where the heads of a group read the same input (every unpatched
 * run, and any patch of the whole group) that mean equals transformers' over the K·e stored k exactly, each group counted
 * H/K times; a patch of one query head's k input moves that head's copy alone, one of the H·e terms of the mean.
 */
final class QkNorms {

    private QkNorms() {
    }

    /** x/√(mean(x²) + ε)·γ over each head's e features (Qwen3, Gemma-3): {@code x} [B, H, P, e], γ [e]. */
    static NDArray perHead(NDArray x, NDArray gain, double eps) {
        return PostNorm.apply(x, gain, eps);   // the same RMSNorm over the last axis
    }

    /**
     * x/√(mean(x²) + ε)·γ over all heads' features of a position at once (OLMo-2): {@code x} [B, H, P, e], γ [H, 1, e] (k's:
     * each query head's key/value head's gain).
     */
    static NDArray whole(NDArray x, NDArray gain, double eps) {
        // DJL's mean takes one axis: the mean over e, then over the heads (equal counts, so the mean of all H·e)
        NDArray std = x.square().mean(new int[] {3}, true).mean(new int[] {1}, true).add(eps).sqrt();   // [B, 1, P, 1]
        return x.div(std).mul(gain);
    }
}
