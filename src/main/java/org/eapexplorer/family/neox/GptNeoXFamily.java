package org.eapexplorer.family.neox;

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
 * GPT-NeoX ({@code GPTNeoXForCausalLM}: Pythia), as Hugging Face's modeling_gpt_neox.py builds it: LayerNorm with
 * biases, rotary q and k over the first {@code rotary_pct} of each head ({@link GptNeoXKeys}), a parallel block (x + attn(ln1(x)) +
 * mlp(ln2(x))) unless {@code use_parallel_residual} is false, a GELU MLP, and one fused {@code query_key_value}
 * projection whose output is laid out head by head, [q | k | v] of head_size each within a head; weights under
 * {@code gpt_neox.}, nn.Linear [out, in]; the unembedding {@code embed_out.weight}.
 */
public final class GptNeoXFamily implements ModelFamily {

    @Override
    public List<Family> families() {
        return List.of(Family.GPT_NEOX);
    }

    @Override
    public boolean tiedEmbeddings(ConfigJson json) throws ModelFormatException {
        return json.flag("tie_word_embeddings", false);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return GptNeoXKeys.KEYS;
    }

    @Override
    public ModelConfig config(Family family, ConfigJson json) throws ModelFormatException {
        int nLayer = json.positiveInteger("num_hidden_layers");
        int nHead = json.positiveInteger("num_attention_heads");
        int dModel = json.positiveInteger("hidden_size");
        int headDim = json.headSize();
        Activation activation = json.hiddenAct("gelu");
        if (!json.flag("attention_bias", true)) {
            throw json.refuse("attention_bias false is not supported (Pythia's attention has biases)");
        }
        int dMlp = json.positiveInteger("intermediate_size");
        int positions = json.positiveInteger("max_position_embeddings", 2048);
        double eps = json.positive("layer_norm_eps", 1e-5);
        int vocab = json.positiveInteger("vocab_size");
        boolean parallel = json.flag("use_parallel_residual", true);
        try {
            return new ModelConfig(nLayer, nHead, dModel, dMlp, positions, vocab, eps, activation, false, PositionalEmbedding.ROTARY,
                    OptionalInt.empty(), new BlockDesign(Family.GPT_NEOX, false, false, parallel, 0,
                    RopeParameters.rotary(json, headDim, GptNeoXKeys.ROPE)));
        } catch (IllegalArgumentException e) {
            throw json.refuse(e.getMessage());
        }
    }

    @Override
    public void checkAgainst(ModelConfig c, ConfigJson json, TensorSource in) throws ModelFormatException {
        DeclaredShape.check(List.of(
                new DeclaredShape(GptNeoXNames.EMBED, new long[] {c.vocabSize(), c.dModel()}, "vocab_size", "hidden_size"),
                new DeclaredShape(GptNeoXNames.weight(0, GptNeoXNames.QKV), new long[] {3L * c.dModel(), c.dModel()}, "3·hidden_size", "hidden_size"),
                new DeclaredShape(GptNeoXNames.weight(0, GptNeoXNames.UP), new long[] {c.dMlp(), c.dModel()}, "intermediate_size", "hidden_size")),
                in);
        DeclaredShape.checkLayers(c.nLayer(), l -> GptNeoXNames.weight(l, GptNeoXNames.QKV), "num_hidden_layers", in);
    }

    @Override
    public boolean isBuffer(String tensorName) {
        return tensorName.endsWith(".attention.bias") || tensorName.endsWith(".attention.masked_bias")
                || tensorName.endsWith("rotary_emb.inv_freq");
    }

    @Override
    public void readWeights(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException {
        int d = c.dModel();
        int h = c.nHead();
        int e = c.dHead();
        int m = c.dMlp();
        out.put(BlockTensors.EMBED, TensorRecipe.stored(GptNeoXNames.EMBED, c.vocabSize(), d));
        for (int l = 0; l < c.nLayer(); l++) {
            out.put(BlockTensors.layer(l, BlockTensors.NORM1_GAIN), TensorRecipe.stored(GptNeoXNames.weight(l, GptNeoXNames.NORM1), d));
            out.put(BlockTensors.layer(l, BlockTensors.NORM1_BIAS), TensorRecipe.stored(GptNeoXNames.bias(l, GptNeoXNames.NORM1), d));
            // query_key_value's rows go head by head, within a head q, k, v of e rows each; the engine's are q of every
            // head, then k, then v.
            out.put(BlockTensors.layer(l, BlockTensors.QKV_WEIGHT),
                    new TensorRecipe.PartMajor(TensorRecipe.stored(GptNeoXNames.weight(l, GptNeoXNames.QKV), 3L * d, d), h, 3, e).transposed());
            out.put(BlockTensors.layer(l, BlockTensors.QKV_BIAS),
                    new TensorRecipe.PartMajor(TensorRecipe.stored(GptNeoXNames.bias(l, GptNeoXNames.QKV), 3L * d), h, 3, e));
            out.put(BlockTensors.layer(l, BlockTensors.OUT_WEIGHT), TensorRecipe.linear(GptNeoXNames.weight(l, GptNeoXNames.DENSE), d, d));
            out.put(BlockTensors.layer(l, BlockTensors.OUT_BIAS), TensorRecipe.stored(GptNeoXNames.bias(l, GptNeoXNames.DENSE), d));
            out.put(BlockTensors.layer(l, BlockTensors.NORM2_GAIN), TensorRecipe.stored(GptNeoXNames.weight(l, GptNeoXNames.NORM2), d));
            out.put(BlockTensors.layer(l, BlockTensors.NORM2_BIAS), TensorRecipe.stored(GptNeoXNames.bias(l, GptNeoXNames.NORM2), d));
            out.put(BlockTensors.layer(l, BlockTensors.FC_WEIGHT), TensorRecipe.linear(GptNeoXNames.weight(l, GptNeoXNames.UP), m, d));
            out.put(BlockTensors.layer(l, BlockTensors.FC_BIAS), TensorRecipe.stored(GptNeoXNames.bias(l, GptNeoXNames.UP), m));
            out.put(BlockTensors.layer(l, BlockTensors.PROJ_WEIGHT), TensorRecipe.linear(GptNeoXNames.weight(l, GptNeoXNames.DOWN), d, m));
            out.put(BlockTensors.layer(l, BlockTensors.PROJ_BIAS), TensorRecipe.stored(GptNeoXNames.bias(l, GptNeoXNames.DOWN), d));
        }
        out.put(BlockTensors.FINAL_GAIN, TensorRecipe.stored(GptNeoXNames.FINAL_NORM + ".weight", d));
        out.put(BlockTensors.FINAL_BIAS, TensorRecipe.stored(GptNeoXNames.FINAL_NORM + ".bias", d));
        if (!tied || in.has(GptNeoXNames.UNEMBED)) {
            out.put(BlockTensors.UNEMBED, TensorRecipe.stored(GptNeoXNames.UNEMBED, c.vocabSize(), d));
        }
    }

}
