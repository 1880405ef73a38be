package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.junit.jupiter.api.Test;

/**
 * OLMo-2's q/k norms over the whole projection as the engine computes them on the graph's per-query-head layout: equal to
 * transformers' k_norm over the K·e stored k (then repeat_kv) when the heads of a group agree, and coupling every head of
 * the layer when one head's slice moves.
 */
class QkNormsTest {

    private static final int B = 2;
    private static final int P = 3;
    private static final int H = 4;
    private static final int E = 6;
    private static final double EPS = 1e-6;

    /** tiny-olmo2's layer 0: its k_norm weight as stored, and the gain the engine holds for it. */
    @Test
    void theExpandedKeyNormIsTransformersNormOverTheStoredKeys() throws Exception {
        Path fixture = OracleFixture.load("tiny-olmo2").dir();
        int h = 4;
        int k = 2;
        int e = 8;
        float[] stored;
        try (SafetensorsFile f = SafetensorsFile.open(fixture.resolve("model.safetensors"))) {
            stored = f.readFloats("model.layers.0.self_attn.k_norm.weight");
        }
        try (LanguageModel model = LanguageModel.load(fixture, ComputeDevice.CPU); NDManager m = NDManager.newBaseManager()) {
            assertEquals(k, model.config().kvHeads());
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            NDArray keys = m.randomNormal(new Shape(B, P, k * e));                                       // k_proj(x)
            NDArray gain = m.create(stored);                                                              // k_norm.weight [K·e]
            // transformers: k_norm over the K·e features, view to [B, K, P, e], repeat_kv (KV head j serves query heads 2j, 2j + 1)
            NDArray normed = keys.div(keys.square().mean(new int[] {-1}, true).add(EPS).sqrt()).mul(gain)
                    .reshape(B, P, k, e).transpose(0, 2, 1, 3);
            NDArray expected = normed.expandDims(2).repeat(2, h / k).reshape(B, h, P, e);
            // the engine: each query head's copy of its KV head's k, normalised with the gain the weights hold for the layer
            NDArray perHead = keys.reshape(B, P, k, e).transpose(0, 2, 1, 3).expandDims(2).repeat(2, h / k).reshape(B, h, P, e);
            NDArray held = model.weights().layer(0, m).kNormGain();
            assertEquals(new Shape(h, 1, e), held.getShape());
            NDArray got = QkNorms.whole(perHead, held, EPS);
            assertEquals(0, got.sub(expected).abs().max().getFloat(), 1e-5);
        }
    }

    @Test
    void aPatchOfOneHeadsSliceMovesEveryHeadOfTheLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(12);
            NDArray q = m.randomNormal(new Shape(B, H, P, E)).toType(DataType.FLOAT64, false);
            NDArray gain = m.randomNormal(new Shape(H, 1, E)).add(1).toType(DataType.FLOAT64, false);
            NDArray clean = QkNorms.whole(q, gain, EPS);
            NDArray patched = q.duplicate();
            patched.set(new NDIndex(":, 0"), q.get(new NDIndex(":, 0")).mul(3));
            NDArray moved = QkNorms.whole(patched, gain, EPS);
            for (int h = 1; h < H; h++) {
                double change = moved.get(new NDIndex(":, {}", h)).sub(clean.get(new NDIndex(":, {}", h))).abs().max().getDouble();
                assertTrue(change > 1e-3, "head " + h + " moved by " + change);
            }
            // and the per-head norm would leave the other heads alone
            NDArray headGain = gain.get(new NDIndex("0, 0"));
            assertEquals(0, QkNorms.perHead(patched, headGain, EPS).get(new NDIndex(":, 1:")).sub(QkNorms.perHead(q, headGain, EPS)
                    .get(new NDIndex(":, 1:"))).abs().max().getDouble());
        }
    }
}
