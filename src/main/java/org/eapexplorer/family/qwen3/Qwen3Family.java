package org.eapexplorer.family.qwen3;

import java.io.IOException;
import java.util.List;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.SlidingWindows;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.llama.LlamaFamily;
import org.eapexplorer.family.llama.LlamaKeys;
import org.eapexplorer.family.llama.LlamaNames;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;

/**
 * Qwen3 ({@code Qwen3ForCausalLM}), as modeling_qwen3.py builds it: Llama plus an RMSNorm over each head's q and k
 * ({@code self_attn.q_norm}, {@code self_attn.k_norm}, [head_dim], applied before rotary), {@code head_dim} 128 when
 * config.json leaves it out (Qwen3Config's default, whatever hidden_size / heads is), Llama's {@code attention_bias}
 * (q, k, v and o), Qwen2's sliding-window keys ({@link SlidingWindows#qwen}) and context (32,768).
 */
public final class Qwen3Family extends LlamaFamily {

    public static final String Q_NORM = LlamaNames.Q_NORM;
    public static final String K_NORM = LlamaNames.K_NORM;

    /** Qwen3Config's {@code head_dim} when config.json has none. */
    private static final int DEFAULT_HEAD_DIM = 128;

    static final ConfigKeys KEYS = new ConfigKeys(
            LlamaKeys.concat(LlamaKeys.READ, LlamaKeys.concat(LlamaKeys.QWEN_WINDOWS, List.of("attention_bias"))), LlamaKeys.HARMLESS,
            List.of());

    @Override
    public List<Family> families() {
        return List.of(Family.QWEN3);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return KEYS;
    }

    @Override
    protected int headDim(ConfigJson json) throws ModelFormatException {
        return json.json().has("head_dim") ? json.positiveInteger("head_dim") : DEFAULT_HEAD_DIM;   // null refused: an int in Qwen3Config
    }

    @Override
    protected int[] windows(Family family, ConfigJson json, int nLayer) throws ModelFormatException {
        return SlidingWindows.qwen(json, nLayer);
    }

    @Override
    protected AttentionDesign.QkNorm qkNorm() {
        return AttentionDesign.QkNorm.PER_HEAD;
    }

    @Override
    protected int defaultPositions(Family family) {
        return 32768;
    }

    @Override
    protected boolean hasAttentionBiasKey(Family family) {
        return true;
    }

    @Override
    protected void readAttentionExtras(ModelConfig c, int l, BlockTensors.Sink out) throws IOException {
        out.put(BlockTensors.layer(l, BlockTensors.Q_NORM_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Q_NORM), c.dHead()));
        out.put(BlockTensors.layer(l, BlockTensors.K_NORM_GAIN), TensorRecipe.stored(LlamaNames.weight(l, K_NORM), c.dHead()));
    }
}
