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
import org.eapexplorer.family.SlidingWindows;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.BlockDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.PositionalEmbedding;
import org.eapexplorer.model.ResidualDesign;

/**
 * Llama ({@code LlamaForCausalLM}: Llama 2 and 3, TinyLlama, SmolLM) and Qwen2 ({@code Qwen2ForCausalLM}: Qwen2,
 * Qwen2.5), as Hugging Face's modeling_llama.py and modeling_qwen2.py build them: RMSNorm before attention and MLP,
 * rotary q and k over the whole head ({@link RopeParameters}), a SwiGLU MLP
 * (down(act(gate(x)) ⊙ up(x))), grouped-query attention ({@code num_key_value_heads}), nn.Linear weights stored
 * [out, in] under {@code model.}. Llama has no biases unless {@code attention_bias} says so (its q, k, v and o biases
 * are read where the checkpoint has them; {@code mlp_bias} is refused); Qwen2 has q, k and v biases and no others. What
 * each config key does is {@link LlamaKeys}. The unembedding is {@code lm_head.weight} unless {@code tie_word_embeddings}.
 * Heads are {@code head_dim} wide where config.json says so (modeling_llama/qwen2 read it when present), else
 * hidden_size / heads; Qwen2's sliding windows are {@link SlidingWindows#qwen}'s.
 *
 * <p>Families built like Llama (Qwen3, Mistral) extend this reader and override only the hooks where they differ.
 */
public class LlamaFamily implements ModelFamily {

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
        int headDim = headDim(json);
        Activation activation = json.hiddenAct("silu");
        int[] windows = windows(family, json, nLayer);
        int dMlp = json.positiveInteger("intermediate_size");
        int positions = json.positiveInteger("max_position_embeddings", defaultPositions(family));
        double eps = json.positive("rms_norm_eps", defaultEps());
        int vocab = json.positiveInteger("vocab_size");
        try {
            // 0: d_model / n_heads, so that a model whose heads are that wide has the standard attention whatever config.json says.
            int explicit = headDim * nHead == dModel ? 0 : headDim;
            AttentionDesign attention = new AttentionDesign(explicit, qkNorm(), 0, 0, windows, null);
            return new ModelConfig(nLayer, nHead, dModel, dMlp, positions, vocab, eps, activation, false, PositionalEmbedding.ROTARY,
                    OptionalInt.empty(), new BlockDesign(family, true, true, false, kvHeads, RopeParameters.rotary(json, headDim, LlamaKeys.ROPE))
                            .withAttention(attention).withResidual(residual()));
        } catch (IllegalArgumentException e) {
            throw json.refuse(e.getMessage());
        }
    }

    /** Features per head: {@code head_dim} where config.json gives one, else hidden_size / num_attention_heads. */
    protected int headDim(ConfigJson json) throws ModelFormatException {
        return json.isNullOrAbsent("head_dim") ? json.headSize() : json.positiveInteger("head_dim");
    }

    /** Each layer's sliding window, empty for none: Qwen2's {@link SlidingWindows#qwen}; Llama has none. */
    protected int[] windows(Family family, ConfigJson json, int nLayer) throws ModelFormatException {
        return family == Family.QWEN2 ? SlidingWindows.qwen(json, nLayer) : new int[0];
    }

    /** {@code rms_norm_eps} when absent: LlamaConfig's and Qwen2Config's 1e-6. */
    protected double defaultEps() {
        return 1e-6;
    }

    /** Where the block's norms sit: before attention and before the MLP (Llama's input_layernorm, post_attention_layernorm). */
    protected ResidualDesign residual() {
        return ResidualDesign.STANDARD;
    }

    /** Norms on q and k: none in Llama and Qwen2. */
    protected AttentionDesign.QkNorm qkNorm() {
        return AttentionDesign.QkNorm.NONE;
    }

    /** {@code max_position_embeddings} when absent: Qwen2Config's 32,768, LlamaConfig's 2,048. */
    protected int defaultPositions(Family family) {
        return family == Family.QWEN2 ? 32768 : 2048;
    }

    /** Whether the family's config has Llama's {@code attention_bias} switch (biases on q, k, v and o). */
    protected boolean hasAttentionBiasKey(Family family) {
        return family == Family.LLAMA;
    }

    /** Which biases the checkpoint's attention has. */
    public record AttentionBiases(boolean qkv, boolean out) {
    }

    /**
     * Qwen2: q, k and v biases, none on o. Llama: unknown from the config alone ({@code attention_bias} is checked against
     * the checkpoint in {@link #checkAgainst}), so read by presence.
     */
    protected AttentionBiases attentionBiases(ModelConfig c, TensorSource in) {
        if (c.family() == Family.QWEN2) {
            return new AttentionBiases(true, false);
        }
        return new AttentionBiases(in.has(LlamaNames.bias(0, LlamaNames.Q)), in.has(LlamaNames.bias(0, LlamaNames.O)));
    }

    /**
     * Layer l's norms: Llama's input_layernorm before attention and post_attention_layernorm before the MLP (the
     * engine's norms 1 and 2).
     */
    protected void readNorms(ModelConfig c, int l, BlockTensors.Sink out) throws IOException {
        out.put(BlockTensors.layer(l, BlockTensors.NORM1_GAIN), TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.NORM1), c.dModel()));
        out.put(BlockTensors.layer(l, BlockTensors.NORM2_GAIN), TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.NORM2), c.dModel()));
    }

    /** Layer l's tensors beyond Llama's (Qwen3's q/k norms); none here. */
    protected void readAttentionExtras(ModelConfig c, int l, BlockTensors.Sink out) throws IOException {
    }

    @Override
    public void checkAgainst(ModelConfig c, ConfigJson json, TensorSource in) throws ModelFormatException {
        checkShapes(c, in);
        if (hasAttentionBiasKey(c.family()) && !json.flag("attention_bias", false) && in.has(LlamaNames.bias(0, LlamaNames.Q))) {
            throw json.refuse("attention_bias is false (the config class's default), but " + in.fileOf(LlamaNames.bias(0, LlamaNames.Q))
                    + " has '" + LlamaNames.bias(0, LlamaNames.Q) + "'; transformers would leave the biases out: set attention_bias to true");
        }
    }

    /**
     * The declared sizes against the tensors that show them, under Llama's names (which Gemma's checkpoints share): the
     * embedding, layer 0's q, k and gate projections, and the layer count.
     */
    public static void checkShapes(ModelConfig c, TensorSource in) throws ModelFormatException {
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
        AttentionBiases biases = attentionBiases(c, in);
        boolean qkvBias = biases.qkv();
        boolean outBias = biases.out();
        if (c.family() == Family.LLAMA && in.has(LlamaNames.bias(0, LlamaNames.UP))) {
            // Llama's mlp_bias puts one on all three projections; the gate's would be dropped, so refuse rather than run without it.
            throw new ModelFormatException(in.describe() + ": has MLP biases ('" + LlamaNames.bias(0, LlamaNames.UP)
                    + "', Llama's mlp_bias); they are not supported");
        }
        out.put(BlockTensors.EMBED, TensorRecipe.stored(LlamaNames.EMBED, c.vocabSize(), d));
        for (int l = 0; l < c.nLayer(); l++) {
            readNorms(c, l, out);
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
            readAttentionExtras(c, l, out);
            out.put(BlockTensors.layer(l, BlockTensors.OUT_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.O), d, (long) h * e));
            if (outBias) {
                out.put(BlockTensors.layer(l, BlockTensors.OUT_BIAS), TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.O), d));
            }
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
