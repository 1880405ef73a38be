package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Arrays that live in libtorch's own memory, where autograd may keep them for the backward pass. */
final class OwnedArrays {

    private OwnedArrays() {
    }

    /**
     * A float scalar in libtorch's own memory, for the products whose backward reads the factor again. DJL's
     * {@code x.mul(number)} wraps the number in a tensor over a Java buffer and closes it right after the
     * product, while autograd keeps that tensor for the backward pass: a garbage collection in between frees
     * the buffer and the gradient reads whatever memory is there then (seen as NaN losses in training).
     */
    static NDArray constant(NDManager m, double value) {
        return m.full(new Shape(), (float) value);
    }

    /**
     * A copy of {@code wrapped} in libtorch's own memory. DJL's {@code manager.create(javaArray)} makes a tensor
     * over a direct buffer that only the Java NDArray keeps alive: once that is closed (every NDScope closes its
     * arrays) and collected, a tensor autograd saved for the backward pass, or any view of it, reads freed memory.
     * {@code EapUnderGcPressureTest} catches this: scores came out wrong under forced collections.
     */
    static NDArray owned(NDArray wrapped) {
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }
}
