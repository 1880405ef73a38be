package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;

/** Gemma-2's soft-capping, c·tanh(x/c): of the attention scores and of the final logits. */
final class Softcap {

    private Softcap() {
    }

    /** c·tanh(x/c); x itself when c is 0 (no capping). */
    static NDArray apply(NDArray x, double c) {
        return c == 0 ? x : x.div(OwnedArrays.constant(x.getManager(), c)).tanh().mul(OwnedArrays.constant(x.getManager(), c));
    }
}
