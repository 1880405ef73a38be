package org.eapexplorer.family.gpt2;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.DeclaredShape;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.PositionalEmbedding;

/**
 * GPT-2 ({@code GPT2LMHeadModel}), as nanoGPT's {@code from_pretrained} reads it: keys with or without the
 * {@code transformer.} prefix, Conv1D layout (W stored [in, out], already the engine's), the unembedding tied to
 * {@code wte} unless {@code lm_head.weight} is present; the attention-mask buffers old checkpoints carry are ignored.
 *
 * <p>Beyond GPT-2's own keys: {@code "attn_only": true} (TransformerLens's name) marks an attention-only model, blocks
 * without {@code ln_2} and {@code mlp} ({@code n_inner} and {@code activation_function} are then ignored);
 * {@code positional_embedding_type} is {@code "standard"} (GPT-2's; also when absent) or {@code "shortformer"}, which
 * adds W_pos to the q and k inputs of every layer instead of to the residual stream once (TransformerLens's
 * attention-only models); {@code "prepend_bos": true} puts {@code bos_token_id} in front of every prompt, as
 * TransformerLens's tokenisation does by default.
 */
public final class Gpt2Family implements ModelFamily {

    private static final String PREFIX = "transformer.";

    @Override
    public List<Family> families() {
        return List.of(Family.GPT2);
    }

    @Override
    public boolean tiedEmbeddings(ConfigJson json) throws ModelFormatException {
        return json.flag("tie_word_embeddings", true);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return Gpt2Keys.KEYS;
    }

    @Override
    public void checkAgainst(ModelConfig c, ConfigJson json, TensorSource in) throws ModelFormatException {
        List<DeclaredShape> declared = new ArrayList<>();
        declared.add(new DeclaredShape(found(in, "wte.weight"), new long[] {c.vocabSize(), c.dModel()}, "vocab_size", "n_embd"));
        declared.add(new DeclaredShape(found(in, "wpe.weight"), new long[] {c.nPositions(), c.dModel()}, "n_positions", "n_embd"));
        declared.add(new DeclaredShape(found(in, "h.0.attn.c_attn.weight"), new long[] {c.dModel(), 3L * c.dModel()}, "n_embd", "3·n_embd"));
        if (!c.attnOnly()) {
            declared.add(new DeclaredShape(found(in, "h.0.mlp.c_fc.weight"), new long[] {c.dModel(), c.dMlp()}, "n_embd", "n_inner"));
        }
        DeclaredShape.check(declared, in);
        DeclaredShape.checkLayers(c.nLayer(), l -> found(in, "h." + l + ".attn.c_attn.weight"), "n_layer", in);
    }

    /** The name {@code key} has in the checkpoint: with the {@code transformer.} prefix when only that is there. */
    private static String found(TensorSource in, String key) {
        return !in.has(key) && in.has(PREFIX + key) ? PREFIX + key : key;
    }

    /** n_embd and the others, or their GPT2Config attribute_map names; both given and disagreeing is refused naming both. */
    private static int size(ConfigJson json, String key) throws ModelFormatException {
        for (List<String> names : Gpt2Keys.ALIASES) {
            if (names.get(0).equals(key) && json.json().has(names.get(1))) {
                int alias = json.positiveInteger(names.get(1));
                if (json.json().has(key) && json.positiveInteger(key) != alias) {
                    throw json.refuse("'" + key + "' (" + json.get(key) + ") and '" + names.get(1) + "' (" + alias + ") disagree; "
                            + "GPT2Config reads " + names.get(1) + " as " + key + ", so give one");
                }
                return alias;
            }
        }
        return json.positiveInteger(key);
    }

    @Override
    public ModelConfig config(Family family, ConfigJson json) throws ModelFormatException {
        PositionalEmbedding positional = PositionalEmbedding.STANDARD;
        if (json.has("positional_embedding_type")) {
            String type = json.string("positional_embedding_type");
            positional = PositionalEmbedding.fromConfigName(type);
            if (positional == null || positional == PositionalEmbedding.ROTARY) {
                throw json.refuse("positional_embedding_type '" + type + "' is not supported, only 'standard' "
                        + "(GPT-2's learned embedding added to the residual stream once) and 'shortformer' (TransformerLens's: "
                        + "added to every layer's q and k inputs instead)");
            }
        }
        OptionalInt bos = OptionalInt.empty();
        if (json.flag("prepend_bos", false)) {
            if (!json.has("bos_token_id")) {
                throw json.refuse("prepend_bos is true but there is no bos_token_id to prepend "
                        + "(add \"bos_token_id\", the tokenizer's BOS id, or set prepend_bos to false)");
            }
            bos = OptionalInt.of(json.integer("bos_token_id"));
        }
        if (!json.flag("scale_attn_weights", true)) {
            throw json.refuse("'scale_attn_weights' false is not supported (GPT-2's attention scores are divided by √head size)");
        }
        boolean attnOnly = json.flag("attn_only", false);
        int nLayer = size(json, "n_layer");
        int nHead = size(json, "n_head");
        int dModel = size(json, "n_embd");
        // n_ctx is older GPT-2 configs' name; GPT2Config no longer reads it, so only in n_positions' absence.
        int nPositions = !json.json().has("n_positions") && !json.json().has("max_position_embeddings") && json.json().has("n_ctx")
                ? json.positiveInteger("n_ctx") : size(json, "n_positions");
        int vocab = json.positiveInteger("vocab_size");
        if (dModel > Integer.MAX_VALUE / 4) {
            // Shapes such as [n_embd, 3·n_embd] and the default n_inner of 4·n_embd must fit in an int.
            throw json.refuse("'n_embd' " + dModel + " is too large (at most " + Integer.MAX_VALUE / 4 + ")");
        }
        double eps = json.positive("layer_norm_epsilon", 1e-5);
        try {
            if (attnOnly) {
                return ModelConfig.attentionOnly(nLayer, nHead, dModel, nPositions, vocab, eps)
                        .withPositionalEmbedding(positional).withBosToken(bos);
            }
            int dMlp = json.isNullOrAbsent("n_inner") ? 4 * dModel : json.positiveInteger("n_inner");
            String act = json.string("activation_function", "gelu_new");
            Activation activation = Activation.fromHuggingFace(act);
            if (activation == null || activation == Activation.SILU) {
                throw json.refuse("activation_function '" + act + "' is not supported (expected gelu_new, gelu_pytorch_tanh, gelu or relu)");
            }
            return new ModelConfig(nLayer, nHead, dModel, dMlp, nPositions, vocab, eps, activation, false, positional, bos);
        } catch (IllegalArgumentException e) {
            throw json.refuse(e.getMessage());
        }
    }

    /**
     * Adds the keys this reader gives a meaning beyond GPT-2's to a config.json being written, where they differ
     * from the defaults: {@code positional_embedding_type} and {@code prepend_bos} with {@code bos_token_id}.
     */
    public static void addNonGpt2Keys(JsonObject json, ModelConfig c) {
        if (c.positionalEmbedding() != PositionalEmbedding.STANDARD) {
            json.addProperty("positional_embedding_type", c.positionalEmbedding().configName());
        }
        if (c.bosToken().isPresent()) {
            json.addProperty("prepend_bos", true);
            json.addProperty("bos_token_id", c.bosToken().getAsInt());
        }
    }

    @Override
    public boolean isBuffer(String tensorName) {
        return tensorName.endsWith(".attn.bias") || tensorName.endsWith(".attn.masked_bias");
    }

    @Override
    public void readWeights(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException {
        boolean untied = in.has("lm_head.weight") || in.has(PREFIX + "lm_head.weight");
        if (!tied && !untied) {
            throw new ModelFormatException(in.describe() + ": has no 'lm_head.weight' (nor 'transformer.lm_head.weight'), but "
                    + in.directory().resolve("config.json") + " says tie_word_embeddings: false, so the unembedding is not wte and "
                    + "must be in the file");
        }
        if (c.attnOnly()) {
            for (String name : in.names()) {
                String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
                if (key.matches("h\\.\\d+\\.(ln_2|mlp)\\..*")) {
                    throw new ModelFormatException(in.describe() + ": config.json says attn_only, but the file has the MLP tensor '"
                            + name + "'; an attention-only model has no ln_2 or mlp (remove attn_only if the model has MLPs)");
                }
            }
        }
        int d = c.dModel();
        put(in, out, BlockTensors.EMBED, c.vocabSize(), d);
        put(in, out, BlockTensors.POSITIONS, c.nPositions(), d);
        for (int l = 0; l < c.nLayer(); l++) {
            put(in, out, BlockTensors.layer(l, BlockTensors.QKV_WEIGHT), d, 3L * d);
            put(in, out, BlockTensors.layer(l, BlockTensors.OUT_WEIGHT), d, d);
            put(in, out, BlockTensors.layer(l, BlockTensors.NORM1_GAIN), d);
            put(in, out, BlockTensors.layer(l, BlockTensors.NORM1_BIAS), d);
            put(in, out, BlockTensors.layer(l, BlockTensors.QKV_BIAS), 3L * d);
            put(in, out, BlockTensors.layer(l, BlockTensors.OUT_BIAS), d);
            if (!c.attnOnly()) {
                put(in, out, BlockTensors.layer(l, BlockTensors.NORM2_GAIN), d);
                put(in, out, BlockTensors.layer(l, BlockTensors.NORM2_BIAS), d);
                put(in, out, BlockTensors.layer(l, BlockTensors.FC_WEIGHT), d, c.dMlp());
                put(in, out, BlockTensors.layer(l, BlockTensors.FC_BIAS), c.dMlp());
                put(in, out, BlockTensors.layer(l, BlockTensors.PROJ_WEIGHT), c.dMlp(), d);
                put(in, out, BlockTensors.layer(l, BlockTensors.PROJ_BIAS), d);
            }
        }
        put(in, out, BlockTensors.FINAL_GAIN, d);
        put(in, out, BlockTensors.FINAL_BIAS, d);
        if (untied) {
            put(in, out, BlockTensors.UNEMBED, c.vocabSize(), d);
        }
    }

    /**
     * GPT-2's Hugging Face name (without prefix) of a block tensor: GPT-2's Conv1D layout is the engine's, so the two differ
     * in name only. The reader and the trainer's differentiable weights both go through it.
     */
    public static String checkpointName(String blockName) {
        return switch (blockName) {
            case BlockTensors.EMBED -> "wte.weight";
            case BlockTensors.POSITIONS -> "wpe.weight";
            case BlockTensors.FINAL_GAIN -> "ln_f.weight";
            case BlockTensors.FINAL_BIAS -> "ln_f.bias";
            case BlockTensors.UNEMBED -> "lm_head.weight";
            default -> {
                String[] parts = blockName.split("\\.", 3);   // layers, l, what
                if (parts.length != 3 || !parts[0].equals("layers")) {
                    throw new IllegalArgumentException("GPT-2 has no " + blockName);
                }
                yield "h." + parts[1] + "." + switch (parts[2]) {
                    case BlockTensors.NORM1_GAIN -> "ln_1.weight";
                    case BlockTensors.NORM1_BIAS -> "ln_1.bias";
                    case BlockTensors.QKV_WEIGHT -> "attn.c_attn.weight";
                    case BlockTensors.QKV_BIAS -> "attn.c_attn.bias";
                    case BlockTensors.OUT_WEIGHT -> "attn.c_proj.weight";
                    case BlockTensors.OUT_BIAS -> "attn.c_proj.bias";
                    case BlockTensors.NORM2_GAIN -> "ln_2.weight";
                    case BlockTensors.NORM2_BIAS -> "ln_2.bias";
                    case BlockTensors.FC_WEIGHT -> "mlp.c_fc.weight";
                    case BlockTensors.FC_BIAS -> "mlp.c_fc.bias";
                    case BlockTensors.PROJ_WEIGHT -> "mlp.c_proj.weight";
                    case BlockTensors.PROJ_BIAS -> "mlp.c_proj.bias";
                    default -> throw new IllegalArgumentException("GPT-2 has no " + blockName);
                };
            }
        };
    }

    /** Reads block tensor {@code name} under its GPT-2 name, with or without the {@code transformer.} prefix. */
    private static void put(TensorSource in, BlockTensors.Sink out, String name, long... shape) throws IOException {
        String key = checkpointName(name);
        String found = in.has(key) ? key : in.has(PREFIX + key) ? PREFIX + key : null;
        if (found == null) {
            throw new ModelFormatException(in.describe() + ": missing tensor '" + key + "' (also looked for '" + PREFIX + key
                    + "'); expected shape " + TensorSource.describeShape(shape));
        }
        out.put(name, TensorRecipe.stored(found, shape));
    }
}
