package org.eapexplorer.family.llama;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.DeclaredShape;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.family.RopeParameters;
import org.eapexplorer.family.TensorRecipe;
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
 * rotary q and k over the whole head ({@link RopeParameters}), a SwiGLU MLP
 * (down(act(gate(x)) ⊙ up(x))), grouped-query attention ({@code num_key_value_heads}), nn.Linear weights stored
 * [out, in] under {@code model.}. Llama has no biases unless {@code attention_bias} says so (its q, k, v and o biases
 * are read where the checkpoint has them; {@code mlp_bias} is refused); Qwen2 has q, k and v biases and no others. What
 * each config key does is {@link LlamaKeys}. The unembedding is {@code lm_head.weight} unless {@code tie_word_embeddings}.
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
    public ConfigKeys keys(Family family) {
        return family == Family.QWEN2 ? LlamaKeys.QWEN2 : LlamaKeys.LLAMA;
    }

    @Override
    public ModelConfig config(Family family, ConfigJson json) throws ModelFormatException {
        int nLayer = json.positiveInteger("num_hidden_layers");
        int nHead = json.positiveInteger("num_attention_heads");
        int dModel = json.positiveInteger("hidden_size");
        int kvHeads = json.isNullOrAbsent("num_key_value_heads") ? nHead : json.positiveInteger("num_key_value_heads");
        int headDim = json.headSize();
        if (json.has("head_dim") && json.integer("head_dim") != headDim) {
            throw json.refuse("head_dim " + json.integer("head_dim") + " differs from hidden_size / num_attention_heads = " + headDim
                    + "; models whose heads are not d_model / n_heads wide are not supported yet");
        }
        Activation activation = json.hiddenAct("silu");
        if (family == Family.QWEN2) {
            fullAttentionOnly(json, nLayer);
        }
        int dMlp = json.positiveInteger("intermediate_size");
        // Qwen2Config's default context is 32,768, LlamaConfig's 2,048.
        int positions = json.positiveInteger("max_position_embeddings", family == Family.QWEN2 ? 32768 : 2048);
        double eps = json.positive("rms_norm_eps", 1e-6);
        int vocab = json.positiveInteger("vocab_size");
        try {
            return new ModelConfig(nLayer, nHead, dModel, dMlp, positions, vocab, eps, activation, false, PositionalEmbedding.ROTARY,
                    OptionalInt.empty(), new BlockDesign(family, true, true, false, kvHeads, RopeParameters.rotary(json, headDim, LlamaKeys.ROPE)));
        } catch (IllegalArgumentException e) {
            throw json.refuse(e.getMessage());
        }
    }

    /** Qwen2's use_sliding_window, and its layer_types, one "full_attention" per layer: sliding-window attention is not supported. */
    private static void fullAttentionOnly(ConfigJson json, int nLayer) throws ModelFormatException {
        if (json.flag("use_sliding_window", false)) {
            throw json.refuse("use_sliding_window is true; sliding-window attention is not supported");
        }
        if (json.isNullOrAbsent("layer_types")) {
            return;
        }
        com.google.gson.JsonElement types = json.get("layer_types");
        if (!types.isJsonArray() || types.getAsJsonArray().size() != nLayer) {
            throw json.refuse("'layer_types' must list one type per layer (" + nLayer + "), got " + types);
        }
        for (com.google.gson.JsonElement t : types.getAsJsonArray()) {
            if (!t.isJsonPrimitive() || !t.getAsString().equals("full_attention")) {
                throw json.refuse("'layer_types' holds " + t + "; only \"full_attention\" layers are supported (sliding-window attention is not)");
            }
        }
    }

    @Override
    public void checkAgainst(ModelConfig c, ConfigJson json, TensorSource in) throws ModelFormatException {
        long e = c.dHead();
        DeclaredShape.check(List.of(
                new DeclaredShape(LlamaNames.EMBED, new long[] {c.vocabSize(), c.dModel()}, "vocab_size", "hidden_size"),
                new DeclaredShape(LlamaNames.weight(0, LlamaNames.Q), new long[] {c.nHead() * e, c.dModel()},
                        "num_attention_heads·head_dim", "hidden_size"),
                new DeclaredShape(LlamaNames.weight(0, LlamaNames.K), new long[] {c.kvHeads() * e, c.dModel()},
                        "num_key_value_heads·head_dim", "hidden_size"),
                new DeclaredShape(LlamaNames.weight(0, LlamaNames.GATE), new long[] {c.dMlp(), c.dModel()}, "intermediate_size", "hidden_size")),
                in);
        DeclaredShape.checkLayers(c.nLayer(), l -> LlamaNames.weight(l, LlamaNames.Q), "num_hidden_layers", in);
        if (c.family() == Family.LLAMA && !json.flag("attention_bias", false) && in.has(LlamaNames.bias(0, LlamaNames.Q))) {
            throw json.refuse("attention_bias is false (LlamaConfig's default), but " + in.fileOf(LlamaNames.bias(0, LlamaNames.Q))
                    + " has '" + LlamaNames.bias(0, LlamaNames.Q) + "'; transformers would leave the biases out: set attention_bias to true");
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
        out.put(BlockTensors.EMBED, TensorRecipe.stored(LlamaNames.EMBED, c.vocabSize(), d));
        for (int l = 0; l < c.nLayer(); l++) {
            out.put(BlockTensors.layer(l, BlockTensors.NORM1_GAIN), TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.NORM1), d));
            out.put(BlockTensors.layer(l, BlockTensors.QKV_WEIGHT), TensorRecipe.rows(
                    TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.Q), (long) h * e, d),
                    TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.K), (long) kv * e, d),
                    TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.V), (long) kv * e, d)).transposed());
            if (qkvBias) {
                out.put(BlockTensors.layer(l, BlockTensors.QKV_BIAS), TensorRecipe.rows(
                        TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.Q), (long) h * e),
                        TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.K), (long) kv * e),
                        TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.V), (long) kv * e)));
            }
            out.put(BlockTensors.layer(l, BlockTensors.OUT_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.O), d, (long) h * e));
            if (outBias) {
                out.put(BlockTensors.layer(l, BlockTensors.OUT_BIAS), TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.O), d));
            }
            out.put(BlockTensors.layer(l, BlockTensors.NORM2_GAIN), TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.NORM2), d));
            out.put(BlockTensors.layer(l, BlockTensors.GATE_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.GATE), m, d));
            out.put(BlockTensors.layer(l, BlockTensors.FC_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.UP), m, d));
            out.put(BlockTensors.layer(l, BlockTensors.PROJ_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.DOWN), d, m));
        }
        out.put(BlockTensors.FINAL_GAIN, TensorRecipe.stored(LlamaNames.FINAL_NORM, d));
        if (!tied || in.has(LlamaNames.LM_HEAD)) {
            out.put(BlockTensors.UNEMBED, TensorRecipe.stored(LlamaNames.LM_HEAD, c.vocabSize(), d));
        }
    }
}
