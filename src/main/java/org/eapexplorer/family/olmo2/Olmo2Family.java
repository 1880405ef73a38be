package org.eapexplorer.family.olmo2;

import java.io.IOException;
import java.util.List;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.llama.LlamaFamily;
import org.eapexplorer.family.llama.LlamaKeys;
import org.eapexplorer.family.llama.LlamaNames;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ResidualDesign;

/**
 * OLMo-2 ({@code Olmo2ForCausalLM}), as transformers' modeling_olmo2.py builds it: Llama's projections, SwiGLU MLP,
 * rotary and tensor names, but no norm before attention or the MLP; their outputs are normalised instead
 * ({@code post_attention_layernorm}, {@code post_feedforward_layernorm}, plain gains) before they join the residual
 * stream ({@link ResidualDesign.Norms#POST}); q and k are RMS-normalised over the whole projection
 * ({@code self_attn.q_norm} [heads·head_dim], {@code self_attn.k_norm} [kv_heads·head_dim]) before rotary
 * ({@link AttentionDesign.QkNorm#WHOLE}); {@code rms_norm_eps} 1e-5 when absent (Olmo2Config's); Llama's
 * {@code attention_bias} (q, k, v and o). Olmo2Config defines no {@code head_dim}; modeling_olmo2 reads one where
 * config.json has it, else hidden_size / heads, as Llama's reader does.
 */
public final class Olmo2Family extends LlamaFamily {

    public static final String Q_NORM = LlamaNames.Q_NORM;
    public static final String K_NORM = LlamaNames.K_NORM;
    /** OLMo-2's post-attention norm normalises the attention's output (Llama's of that name is the MLP's input norm). */
    public static final String POST_ATTENTION_NORM = LlamaNames.NORM2;
    public static final String POST_FEEDFORWARD_NORM = LlamaNames.POST_FEEDFORWARD_NORM;

    /** Olmo2Config's keys: Llama's (rotary through RopeParameters, head_dim where present) and attention_bias. */
    static final ConfigKeys KEYS = new ConfigKeys(LlamaKeys.concat(LlamaKeys.READ, List.of("attention_bias")), LlamaKeys.HARMLESS,
            List.of());

    private static final ResidualDesign RESIDUAL = new ResidualDesign(ResidualDesign.Norms.POST, false, 1.0, 0);

    @Override
    public List<Family> families() {
        return List.of(Family.OLMO2);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return KEYS;
    }

    @Override
    protected double defaultEps() {
        return 1e-5;
    }

    @Override
    protected ResidualDesign residual() {
        return RESIDUAL;
    }

    @Override
    protected AttentionDesign.QkNorm qkNorm() {
        return AttentionDesign.QkNorm.WHOLE;
    }

    @Override
    protected boolean hasAttentionBiasKey(Family family) {
        return true;
    }

    @Override
    protected void readNorms(ModelConfig c, int l, BlockTensors.Sink out) throws IOException {
        out.put(BlockTensors.layer(l, BlockTensors.POST_ATTN_GAIN), TensorRecipe.stored(LlamaNames.weight(l, POST_ATTENTION_NORM), c.dModel()));
        out.put(BlockTensors.layer(l, BlockTensors.POST_MLP_GAIN), TensorRecipe.stored(LlamaNames.weight(l, POST_FEEDFORWARD_NORM), c.dModel()));
    }

    @Override
    protected void readAttentionExtras(ModelConfig c, int l, BlockTensors.Sink out) throws IOException {
        out.put(BlockTensors.layer(l, BlockTensors.Q_NORM_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Q_NORM), (long) c.nHead() * c.dHead()));
        out.put(BlockTensors.layer(l, BlockTensors.K_NORM_GAIN), TensorRecipe.stored(LlamaNames.weight(l, K_NORM), (long) c.kvHeads() * c.dHead()));
    }
}
