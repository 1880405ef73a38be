package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.eapexplorer.model.Activation;

/** The MLP's non-linearity, as each family's config names it; a gated MLP applies it to its gate. */
final class MlpActivation {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private MlpActivation() {
    }

    static NDArray apply(NDManager m, Activation activation, NDArray x) {
        return switch (activation) {
            case GELU_TANH -> {
                NDArray inner = x.add(x.pow(OwnedArrays.constant(m, 3)).mul(OwnedArrays.constant(m, 0.044715))).mul(OwnedArrays.constant(m, SQRT_2_OVER_PI));
                yield x.mul(inner.tanh().add(1)).mul(OwnedArrays.constant(m, 0.5));
            }
            case GELU_ERF -> x.mul(x.mul(OwnedArrays.constant(m, 1 / Math.sqrt(2))).erf().add(1)).mul(OwnedArrays.constant(m, 0.5));
            case RELU -> x.maximum(OwnedArrays.constant(m, 0));
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
        };
    }
}
