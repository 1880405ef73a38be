package org.eapexplorer.family.llama;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.family.RopeScaling;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.BlockDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.PositionalEmbedding;

/**
 * Llama ({@code LlamaForCausalLM}: Llama 2 and 3, TinyLlama, SmolLM) and Qwen2 ({@code Qwen2ForCausalLM}: Qwen2,
 * Qwen2.5), as Hugging Face's modeling_llama.py and modeling_qwen2.py build them: RMSNorm before attention and MLP,
 * rotary q and k over the whole head ({@code rope_theta}, {@code rope_scaling}), a SwiGLU MLP
 * (down(act(gate(x)) ⊙ up(x))), grouped-query attention ({@code num_key_value_heads}), nn.Linear weights stored
 * [out, in] under {@code model.}. Llama has no biases unless {@code attention_bias}/{@code mlp_bias} say so; Qwen2 has
 * q, k and v biases and no others. The unembedding is {@code lm_head.weight} unless {@code tie_word_embeddings}.
 */
public final class LlamaFamily implements ModelFamily {

    @Override
    public List<Family> families() {
        return List.of(Family.LLAMA, Family.QWEN2);
    }

    @Override
    public boolean tiedEmbeddings(ConfigJson json) throws ModelFormatException {
        return json.flag("tie_word_embeddings", false);
    }

    @Override
    public ModelConfig config(Family family, ConfigJson json) throws ModelFormatException {
        int nLayer = json.integer("num_hidden_layers");
        int nHead = json.integer("num_attention_heads");
        int dModel = json.integer("hidden_size");
        int kvHeads = json.integer("num_key_value_heads", nHead);
        int headDim = json.headSize();
        if (json.has("head_dim") && json.integer("head_dim") != headDim) {
            throw json.refuse("head_dim " + json.integer("head_dim") + " differs from hidden_size / num_attention_heads = " + headDim
                    + "; models whose heads are not d_model / n_heads wide are not supported yet");
        }
        Activation activation = json.hiddenAct("silu");
        if (family == Family.QWEN2 && json.flag("use_sliding_window", false)) {
            throw json.refuse("use_sliding_window is true; sliding-window attention is not supported");
        }
        try {
            return new ModelConfig(nLayer, nHead, dModel, json.integer("intermediate_size"), json.integer("max_position_embeddings", 2048),
                    json.integer("vocab_size"), json.number("rms_norm_eps", 1e-6), activation, false, PositionalEmbedding.ROTARY,
                    OptionalInt.empty(), new BlockDesign(family, true, true, false, kvHeads,
                    RopeScaling.rotary(headDim, json.number("rope_theta", 10000.0), json.object("rope_scaling"))));
        } catch (IllegalArgumentException e) {
            throw json.refuse(e.getMessage());
        }
    }

    @Override
    public boolean isBuffer(String tensorName) {
        return tensorName.endsWith("rotary_emb.inv_freq");
    }

    @Override
    public void readWeights(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException {
        int d = c.dModel();
        int h = c.nHead();
        int kv = c.kvHeads();
        int e = c.dHead();
        int m = c.dMlp();
        boolean qwen2 = c.family() == Family.QWEN2;
        // Llama's own switches; Qwen2 always has q/k/v biases and no others. Unknown from the config alone, so read by presence.
        boolean qkvBias = qwen2 || in.has(LlamaNames.bias(0, LlamaNames.Q));
        boolean outBias = !qwen2 && in.has(LlamaNames.bias(0, LlamaNames.O));
        if (!qwen2 && in.has(LlamaNames.bias(0, LlamaNames.UP))) {
            // Llama's mlp_bias puts one on all three projections; the gate's would be dropped, so refuse rather than run without it.
            throw new ModelFormatException(in.describe() + ": has MLP biases ('" + LlamaNames.bias(0, LlamaNames.UP)
                    + "', Llama's mlp_bias); they are not supported");
        }
        out.put(BlockTensors.EMBED, in.read(LlamaNames.EMBED, c.vocabSize(), d), c.vocabSize(), d);
        for (int l = 0; l < c.nLayer(); l++) {
            out.put(BlockTensors.layer(l, BlockTensors.NORM1_GAIN), in.read(LlamaNames.weight(l, LlamaNames.NORM1), d), d);
            float[] q = in.read(LlamaNames.weight(l, LlamaNames.Q), (long) h * e, d);
            float[] k = BlockTensors.ungroup(in.read(LlamaNames.weight(l, LlamaNames.K), (long) kv * e, d), kv, h, e, d);
            float[] v = BlockTensors.ungroup(in.read(LlamaNames.weight(l, LlamaNames.V), (long) kv * e, d), kv, h, e, d);
            out.put(BlockTensors.layer(l, BlockTensors.QKV_WEIGHT), BlockTensors.transpose(BlockTensors.concat(q, k, v), 3 * h * e, d), d, 3L * h * e);
            if (qkvBias) {
                out.put(BlockTensors.layer(l, BlockTensors.QKV_BIAS), BlockTensors.concat(
                        in.read(LlamaNames.bias(l, LlamaNames.Q), (long) h * e),
                        BlockTensors.ungroup(in.read(LlamaNames.bias(l, LlamaNames.K), (long) kv * e), kv, h, e, 1),
                        BlockTensors.ungroup(in.read(LlamaNames.bias(l, LlamaNames.V), (long) kv * e), kv, h, e, 1)), 3L * h * e);
            }
            out.put(BlockTensors.layer(l, BlockTensors.OUT_WEIGHT),
                    BlockTensors.transpose(in.read(LlamaNames.weight(l, LlamaNames.O), d, (long) h * e), d, h * e), (long) h * e, d);
            if (outBias) {
                out.put(BlockTensors.layer(l, BlockTensors.OUT_BIAS), in.read(LlamaNames.bias(l, LlamaNames.O), d), d);
            }
            out.put(BlockTensors.layer(l, BlockTensors.NORM2_GAIN), in.read(LlamaNames.weight(l, LlamaNames.NORM2), d), d);
            out.put(BlockTensors.layer(l, BlockTensors.GATE_WEIGHT), BlockTensors.transpose(in.read(LlamaNames.weight(l, LlamaNames.GATE), m, d), m, d), d, m);
            out.put(BlockTensors.layer(l, BlockTensors.FC_WEIGHT), BlockTensors.transpose(in.read(LlamaNames.weight(l, LlamaNames.UP), m, d), m, d), d, m);
            out.put(BlockTensors.layer(l, BlockTensors.PROJ_WEIGHT), BlockTensors.transpose(in.read(LlamaNames.weight(l, LlamaNames.DOWN), d, m), d, m), m, d);
        }
        out.put(BlockTensors.FINAL_GAIN, in.read(LlamaNames.FINAL_NORM, d), d);
        if (!tied || in.has(LlamaNames.LM_HEAD)) {
            out.put(BlockTensors.UNEMBED, in.read(LlamaNames.LM_HEAD, c.vocabSize(), d), c.vocabSize(), d);
        }
    }
}
