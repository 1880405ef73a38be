package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OLMo-2's q/k norms over the whole projection as the engine computes them on the graph's per-query-head layout: equal to
 * transformers' k_norm over the K·e stored k (then repeat_kv) when the heads of a group agree, and coupling every head of
 * the layer when one head's slice moves.
 */
class QkNormsTest {

    private static final int B = 2;
    private static final int P = 3;
    private static final int H = 4;
    private static final int K = 2;
    private static final int E = 6;
    private static final double EPS = 1e-6;

    @TempDir
    Path dir;

    @Test
    void theExpandedKeyNormIsTransformersNormOverTheStoredKeys() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            NDArray stored = m.randomNormal(new Shape(B, P, K * E)).toType(DataType.FLOAT64, false);     // k_proj(x)
            NDArray gain = m.randomNormal(new Shape(K * E)).add(1).toType(DataType.FLOAT64, false);       // k_norm.weight
            // transformers: k_norm over the K·e features, view to [B, K, P, e], repeat_kv (KV head j serves query heads 2j, 2j + 1)
            NDArray normed = stored.div(stored.square().mean(new int[] {-1}, true).add(EPS).sqrt()).mul(gain)
                    .reshape(B, P, K, E).transpose(0, 2, 1, 3);
            NDArray expected = normed.expandDims(2).repeat(2, H / K).reshape(B, H, P, E);
            // the engine: each query head's copy of its KV head's k, the gain expanded by QkvLayout as the projection is
            QkvLayout layout = new QkvLayout(olmo2(), m);
            NDArray perHead = stored.reshape(B, P, K, E).transpose(0, 2, 1, 3).expandDims(2).repeat(2, H / K).reshape(B, H, P, E);
            NDArray got = QkNorms.whole(perHead, layout.expandKv(gain), EPS);
            assertEquals(0, got.sub(expected).abs().max().getDouble(), 1e-12);
            assertArrayEquals(new double[] {gain.getDouble(0), gain.getDouble(E)},
                    new double[] {layout.expandKv(gain).getDouble(E), layout.expandKv(gain).getDouble(2 * E)},
                    "query head 1 reads KV head 0, query head 2 KV head 1");
        }
    }

    @Test
    void aPatchOfOneHeadsSliceMovesEveryHeadOfTheLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(12);
            NDArray q = m.randomNormal(new Shape(B, H, P, E)).toType(DataType.FLOAT64, false);
            NDArray gain = m.randomNormal(new Shape(H * E)).add(1).toType(DataType.FLOAT64, false);
            NDArray clean = QkNorms.whole(q, gain, EPS);
            NDArray patched = q.duplicate();
            patched.set(new NDIndex(":, 0"), q.get(new NDIndex(":, 0")).mul(3));
            NDArray moved = QkNorms.whole(patched, gain, EPS);
            for (int h = 1; h < H; h++) {
                double change = moved.get(new NDIndex(":, {}", h)).sub(clean.get(new NDIndex(":, {}", h))).abs().max().getDouble();
                assertTrue(change > 1e-3, "head " + h + " moved by " + change);
            }
            // and the per-head norm would leave the other heads alone
            NDArray headGain = gain.get(new NDIndex("0:{}", E));
            assertEquals(0, QkNorms.perHead(patched, headGain, EPS).get(new NDIndex(":, 1:")).sub(QkNorms.perHead(q, headGain, EPS)
                    .get(new NDIndex(":, 1:"))).abs().max().getDouble());
        }
    }

    private ModelConfig olmo2() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, """
                {"model_type": "olmo2", "architectures": ["Olmo2ForCausalLM"], "hidden_size": 24, "intermediate_size": 48,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50}""");
        return ModelFamilies.readConfig(f);
    }
}
