package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.eapexplorer.model.Rotary;

/**
 * Rotary position embedding of queries and keys, Hugging Face's rotate_half convention: at position t the first
 * {@code dims} features of a head turn, feature i with feature i + dims/2, by angle t·ω_i; the rest pass unchanged
 * (GPT-NeoX's partial rotary). As a linear map x·C + (x·M)·S, so its backward pass is the inverse rotation and EAP's
 * kernel needs no case of its own: C and S hold cos and sin of t·ω_i for both features of pair i (1 and 0 past the
 * rotated features), and M maps x to rotate_half of its rotated features, (−x₂, x₁), and to 0 past them.
 */
final class RotaryEmbedding {

    private final Rotary rotary;
    private final int headDim;

    RotaryEmbedding(Rotary rotary, int headDim) {
        if (rotary.dims() > headDim) {
            throw new IllegalArgumentException(rotary.dims() + " rotary dimensions in a head of " + headDim);
        }
        this.rotary = rotary;
        this.headDim = headDim;
    }

    /** The factors at positions 0 … p−1, in {@code m}. */
    Factors at(NDManager m, int p) {
        int e = headDim;
        int half = rotary.dims() / 2;
        double[] omega = rotary.inverseFrequencies();
        float[] cos = new float[p * e];
        float[] sin = new float[p * e];
        for (int t = 0; t < p; t++) {
            for (int i = 0; i < e; i++) {
                if (i < rotary.dims()) {
                    double angle = t * omega[i % half];
                    cos[t * e + i] = (float) Math.cos(angle);
                    sin[t * e + i] = (float) Math.sin(angle);
                } else {
                    cos[t * e + i] = 1f;
                }
            }
        }
        float[] swap = new float[e * e];
        for (int i = 0; i < half; i++) {
            swap[(i + half) * e + i] = -1f;   // output i < half reads −x[i + half]
            swap[i * e + i + half] = 1f;      // output i + half reads x[i]
        }
        return new Factors(OwnedArrays.owned(m.create(cos, new Shape(p, e))),
                OwnedArrays.owned(m.create(sin, new Shape(p, e))), OwnedArrays.owned(m.create(swap, new Shape(e, e))));
    }

    /** C and S [P, e], M [e, e]. */
    record Factors(NDArray cos, NDArray sin, NDArray swap) {

        /** {@code x} [..., P, e] rotated position by position. */
        NDArray rotate(NDArray x) {
            return x.mul(cos).add(x.matMul(swap).mul(sin));
        }
    }
}
