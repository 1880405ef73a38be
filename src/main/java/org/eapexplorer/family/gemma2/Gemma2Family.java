package org.eapexplorer.family.gemma2;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.family.RopeParameters;
import org.eapexplorer.family.SlidingWindows;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.family.llama.LlamaFamily;
import org.eapexplorer.family.llama.LlamaNames;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.BlockDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.PositionalEmbedding;
import org.eapexplorer.model.ResidualDesign;
import org.eapexplorer.model.Rotary;

/**
 * Gemma-2 ({@code Gemma2ForCausalLM}: MIB's Gemma-2-2B), as transformers' modular_gemma2.py builds it: Llama's block and
 * tensor names, but RMSNorm scaling by 1 + w, four norms a block (the attention's and the MLP's outputs are normalised
 * before the residual stream: {@link ResidualDesign.Norms#SANDWICH}), the embedding times √hidden_size, heads
 * {@code head_dim} wide whatever hidden_size / heads is, scores scaled by {@code query_pre_attn_scalar}^−½ and soft-capped
 * ({@code attn_logit_softcapping}), the final logits soft-capped ({@code final_logit_softcapping}), sliding-window
 * attention on the layers {@code layer_types} names (by default every other layer from the first), a gated GELU (tanh)
 * MLP, grouped-query attention, tied embeddings.
 */
public class Gemma2Family implements ModelFamily {

    /**
     * What Gemma-2's and Gemma-3's configuration classes default differently.
     *
     * @param slidingPattern without layer_types, layer i slides unless (i + 1) is a multiple of it
     */
    protected record Defaults(int positions, double attnSoftcap, double finalSoftcap, int slidingPattern) {
        /** Public for the subclass in another package: a protected record's implicit constructor is protected too. */
        public Defaults {
        }
    }

    private static final Defaults GEMMA2 = new Defaults(8192, 50.0, 30.0, 2);

    @Override
    public List<Family> families() {
        return List.of(Family.GEMMA2);
    }

    @Override
    public boolean tiedEmbeddings(ConfigJson json) throws ModelFormatException {
        return json.flag("tie_word_embeddings", true);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return Gemma2Keys.KEYS;
    }

    @Override
    public ModelConfig config(Family family, ConfigJson json) throws ModelFormatException {
        return config(family, json, GEMMA2);
    }

    /** The model config.json describes, with this family's defaults. */
    protected ModelConfig config(Family family, ConfigJson json, Defaults defaults) throws ModelFormatException {
        int nLayer = json.positiveInteger("num_hidden_layers");
        int nHead = json.positiveInteger("num_attention_heads");
        int dModel = json.positiveInteger("hidden_size");
        int kvHeads = json.isNullOrAbsent("num_key_value_heads") ? nHead : json.positiveInteger("num_key_value_heads");
        int headDim = json.positiveInteger("head_dim", 256);
        String act = json.string("hidden_activation", "gelu_pytorch_tanh");
        Activation activation = Activation.fromHuggingFace(act);
        if (activation == null) {
            throw json.refuse("hidden_activation '" + act + "' is not supported (expected gelu_pytorch_tanh, gelu, silu or relu)");
        }
        int dMlp = json.positiveInteger("intermediate_size");
        int positions = json.positiveInteger("max_position_embeddings", defaults.positions());
        double eps = json.positive("rms_norm_eps", 1e-6);
        int vocab = json.positiveInteger("vocab_size");
        int[] windows = SlidingWindows.everyButNth(json, nLayer, defaults.slidingPattern(), 4096);
        AttentionDesign attention = new AttentionDesign(headDim, qkNorm(),
                1.0 / Math.sqrt(json.positive("query_pre_attn_scalar", 256)),
                Gemma2Keys.softcap(json, "attn_logit_softcapping", defaults.attnSoftcap()), windows, localRotary(json, headDim, windows));
        ResidualDesign residual = new ResidualDesign(ResidualDesign.Norms.SANDWICH, true, Math.sqrt(dModel),
                Gemma2Keys.softcap(json, "final_logit_softcapping", defaults.finalSoftcap()));
        try {
            BlockDesign design = new BlockDesign(family, true, true, false, kvHeads, rotary(json, headDim))
                    .withAttention(attention).withResidual(residual);
            return new ModelConfig(nLayer, nHead, dModel, dMlp, positions, vocab, eps, activation, false, PositionalEmbedding.ROTARY,
                    OptionalInt.empty(), design);
        } catch (IllegalArgumentException e) {
            throw json.refuse(e.getMessage());
        }
    }

    /** The rotary embedding of every layer (Gemma-3: of the global layers). */
    protected Rotary rotary(ConfigJson json, int headDim) throws ModelFormatException {
        return RopeParameters.rotary(json, headDim, Gemma2Keys.ROPE);
    }

    /** The sliding layers' own rotary embedding where it differs (Gemma-3); null for none. */
    protected Rotary localRotary(ConfigJson json, int headDim, int[] windows) throws ModelFormatException {
        return null;
    }

    /** Norms on q and k (Gemma-3's per-head q_norm and k_norm). */
    protected AttentionDesign.QkNorm qkNorm() {
        return AttentionDesign.QkNorm.NONE;
    }

    @Override
    public void checkAgainst(ModelConfig c, ConfigJson json, TensorSource in) throws ModelFormatException {
        LlamaFamily.checkShapes(c, in);
        boolean declared = json.flag("attention_bias", false);
        if (declared != in.has(LlamaNames.bias(0, LlamaNames.Q))) {
            throw json.refuse("attention_bias is " + declared + ", but " + in.fileOf(LlamaNames.weight(0, LlamaNames.Q))
                    + (declared ? " has no '" : " has '") + LlamaNames.bias(0, LlamaNames.Q) + "'");
        }
    }

    @Override
    public boolean isBuffer(String tensorName) {
        return tensorName.endsWith("rotary_emb.inv_freq");
    }

    @Override
    public void readWeights(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException {
        readBlocks(c, tied, in, out);
    }

    /** Gemma-2's tensors, which Gemma-3 has too. */
    protected final void readBlocks(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException {
        int d = c.dModel();
        long q = (long) c.nHead() * c.dHead();
        long kv = (long) c.kvHeads() * c.dHead();
        int m = c.dMlp();
        boolean bias = in.has(LlamaNames.bias(0, LlamaNames.Q));   // attention_bias, checked against the checkpoint
        out.put(BlockTensors.EMBED, TensorRecipe.stored(LlamaNames.EMBED, c.vocabSize(), d));
        for (int l = 0; l < c.nLayer(); l++) {
            out.put(BlockTensors.layer(l, BlockTensors.NORM1_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Gemma2Names.INPUT_NORM), d));
            out.put(BlockTensors.layer(l, BlockTensors.QKV_WEIGHT), TensorRecipe.rows(
                    TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.Q), q, d),
                    TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.K), kv, d),
                    TensorRecipe.stored(LlamaNames.weight(l, LlamaNames.V), kv, d)).transposed());
            if (bias) {
                out.put(BlockTensors.layer(l, BlockTensors.QKV_BIAS), TensorRecipe.rows(
                        TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.Q), q),
                        TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.K), kv),
                        TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.V), kv)));
                out.put(BlockTensors.layer(l, BlockTensors.OUT_BIAS), TensorRecipe.stored(LlamaNames.bias(l, LlamaNames.O), d));
            }
            out.put(BlockTensors.layer(l, BlockTensors.OUT_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.O), d, q));
            out.put(BlockTensors.layer(l, BlockTensors.POST_ATTN_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Gemma2Names.POST_ATTENTION_NORM), d));
            out.put(BlockTensors.layer(l, BlockTensors.NORM2_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Gemma2Names.PRE_FEEDFORWARD_NORM), d));
            out.put(BlockTensors.layer(l, BlockTensors.GATE_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.GATE), m, d));
            out.put(BlockTensors.layer(l, BlockTensors.FC_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.UP), m, d));
            out.put(BlockTensors.layer(l, BlockTensors.PROJ_WEIGHT), TensorRecipe.linear(LlamaNames.weight(l, LlamaNames.DOWN), d, m));
            out.put(BlockTensors.layer(l, BlockTensors.POST_MLP_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Gemma2Names.POST_FEEDFORWARD_NORM), d));
        }
        out.put(BlockTensors.FINAL_GAIN, TensorRecipe.stored(LlamaNames.FINAL_NORM, d));
        if (!tied || in.has(LlamaNames.LM_HEAD)) {
            out.put(BlockTensors.UNEMBED, TensorRecipe.stored(LlamaNames.LM_HEAD, c.vocabSize(), d));
        }
    }
}
