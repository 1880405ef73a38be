package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;

/**
 * The RMSNorm a sandwich block (Gemma-2/3) applies to its attention's output before the residual stream, and its
 * Jacobian. Under it a head's output is not a term of the residual stream: the graph's head node is the head's own
 * z_h·W_O[h] before the norm (TransformerLens's {@code hook_result}, which EAP-IG and MIB read), and a receiver reads each
 * earlier layer's attention as post_norm(S), S the sum of that layer's head outputs as the receiver receives them (EAP-IG's
 * evaluate_graph rebuilds each receiver's input so). An edge h→v patched by λ changes v's input by
 * post_norm(S + λΔ_h) − post_norm(S); its derivative at λ = 0, J(S)·Δ_h, is what EAP dots with the gradient at v.
 */
final class PostNorm {

    private PostNorm() {
    }

    /** γ⊙s/σ, σ = √(mean(s²) + ε), over the last axis. */
    static NDArray apply(NDArray s, NDArray gain, double eps) {
        return s.div(rms(s, eps)).mul(gain);
    }

    /**
     * J(s)·δ for the norm at s: γ⊙(δ − ŝ·mean(ŝ⊙δ))/σ with ŝ = s/σ, over the last axis; s broadcasts against δ (one
     * layer's sum against each of its heads' differences).
     */
    static NDArray jacobian(NDArray delta, NDArray s, NDArray gain, double eps) {
        NDArray sigma = rms(s, eps);
        NDArray sHat = s.div(sigma);
        return delta.sub(sHat.mul(sHat.mul(delta).mean(new int[] {-1}, true))).div(sigma).mul(gain);
    }

    /** post_norm(s + δ) − post_norm(s): what a receiver's input changes by when the heads' sum it reads changes by δ. */
    static NDArray change(NDArray s, NDArray delta, NDArray gain, double eps) {
        return apply(s.add(delta), gain, eps).sub(apply(s, gain, eps));
    }

    private static NDArray rms(NDArray s, double eps) {
        return s.square().mean(new int[] {-1}, true).add(eps).sqrt();
    }
}
