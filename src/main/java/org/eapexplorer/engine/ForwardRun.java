package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;

/**
 * The arrays one forward pass leaves behind, all attached to the pass's NDManager (closing it frees them).
 * Node arrays are null unless recorded; leaves are null unless requested.
 */
final class ForwardRun {
    NDArray logits;          // [B, V], or [B, P, V] with allPositions
    NDArray embedding;       // [B, P, d]   upstream node "input": token + position embedding (shortformer: token embedding only)
    NDArray[] headZ;         // [B, P, H, e] per layer: attention-weighted values, before W_O
    NDArray[] mlpOut;        // [B, P, d] per layer: upstream node m{l}; never set for an attention-only model
    NDArray[] attnSum;       // [B, P, d] per layer: Σ_h z_h·W_O[h] + b_O before a sandwich block's post-norm; null without one
    NDArray[] ln1Normed;     // [B, P, d] per layer: (x − μ)/σ of the attention LayerNorm
    NDArray[] ln1Std;        // [B, P, 1] per layer: σ
    NDArray[] qkv;           // [B, P, 3d] per layer: the q/k/v projections (shortformer's W_pos term included), before any leaf or delta
    NDArray[] residPre;      // [B, P, d] per layer: the residual stream entering the layer
    NDArray[] residMid;      // [B, P, d] per layer: the residual stream between attention and MLP (after the layer, attention-only)
    NDArray residFinal;      // [B, P, d]: the residual stream the unembedding reads
    NDArray[] qkvLeaf;       // [B, P, 3d] per layer: zero leaf added after the q/k/v projections
    NDArray[] mlpLeaf;       // [B, P, d] per layer: zero leaf added to the MLP's copy of the residual stream
    NDArray logitsLeaf;      // [B, P, d]: zero leaf added to the final residual stream
    NDArray[] pattern;       // [B, H, P, P] per layer: attention probabilities (query, key), only with recordPatterns
    NDArray[] qkvGrad;       // [B, P, 3d] per layer: ∂L/∂qkvLeaf, after a gradient pass
    NDArray[] mlpGrad;       // [B, P, d] per layer: ∂L/∂mlpLeaf, after a gradient pass
    NDArray logitsGrad;      // [B, P, d]: ∂L/∂logitsLeaf, after a gradient pass

    ForwardRun(int nLayer) {
        headZ = new NDArray[nLayer];
        mlpOut = new NDArray[nLayer];
        attnSum = new NDArray[nLayer];
        ln1Normed = new NDArray[nLayer];
        ln1Std = new NDArray[nLayer];
        qkv = new NDArray[nLayer];
        residPre = new NDArray[nLayer];
        residMid = new NDArray[nLayer];
        qkvLeaf = new NDArray[nLayer];
        mlpLeaf = new NDArray[nLayer];
        pattern = new NDArray[nLayer];
        qkvGrad = new NDArray[nLayer];
        mlpGrad = new NDArray[nLayer];
    }

    /** After a backward pass through this run's leaves: their gradients, as arrays of {@code m}. */
    void takeLeafGradients(ai.djl.ndarray.NDManager m) {
        for (int l = 0; l < qkvLeaf.length; l++) {
            qkvGrad[l] = gradientOf(qkvLeaf[l], m);
            mlpGrad[l] = gradientOf(mlpLeaf[l], m);
        }
        logitsGrad = gradientOf(logitsLeaf, m);
    }

    private static NDArray gradientOf(NDArray leaf, ai.djl.ndarray.NDManager m) {
        if (leaf == null) {
            return null;
        }
        NDArray g = leaf.getGradient();
        g.attach(m);
        return g;
    }
}
