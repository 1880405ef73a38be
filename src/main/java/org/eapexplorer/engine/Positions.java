package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** What every layer of one pass reads by position, made once per pass: the causal mask and, with rotary positions, the rotation. */
record Positions(NDArray causalMask, RotaryEmbedding.Factors rotation) {

    /** For positions 0 … p−1; {@code rotary} null without rotary positions. */
    static Positions of(NDManager m, int p, RotaryEmbedding rotary) {
        return new Positions(causalMask(m, p), rotary == null ? null : rotary.at(m, p));
    }

    private static NDArray causalMask(NDManager m, int p) {
        float[] mask = new float[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                mask[i * p + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return OwnedArrays.owned(m.create(mask, new Shape(p, p)));
    }
}
