package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The sandwich block's post-norm and its Jacobian, against central differences of the norm itself. */
class PostNormTest {

    @Test
    void jacobianIsTheSlopeOfTheNormAlongDelta() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(7);
            NDArray s = m.randomNormal(new Shape(3, 5, 12)).toType(DataType.FLOAT64, false);
            NDArray delta = m.randomNormal(new Shape(4, 1, 5, 12)).toType(DataType.FLOAT64, false);   // four heads' differences
            NDArray gain = m.randomNormal(new Shape(12)).add(1).toType(DataType.FLOAT64, false);
            double eps = 1e-6;
            double h = 1e-5;
            NDArray slope = PostNorm.apply(s.add(delta.mul(h)), gain, eps).sub(PostNorm.apply(s.sub(delta.mul(h)), gain, eps)).div(2 * h);
            NDArray jacobian = PostNorm.jacobian(delta, s, gain, eps);
            assertEquals(0, slope.sub(jacobian).abs().max().getDouble(), 1e-8);
            // change() is the finite step: small steps scale as the Jacobian, and a zero step changes nothing exactly
            assertEquals(0, PostNorm.change(s, delta.mul(1e-7), gain, eps).div(1e-7).sub(jacobian).abs().max().getDouble(), 1e-5);
            assertEquals(0, PostNorm.change(s, delta.mul(0), gain, eps).abs().max().getDouble());
            // γ⊙s/σ: the norm of a row of ones times 3 is γ (σ = 3 up to ε)
            NDArray threes = m.full(new Shape(1, 12), 3f).toType(DataType.FLOAT64, false);
            assertEquals(0, PostNorm.apply(threes, gain, 0).sub(gain).abs().max().getDouble(), 1e-12);
        }
    }
}
