package org.eapexplorer.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PositionalEmbedding;

/**
 * Reads a Hugging Face GPT-2 {@code config.json} into a {@link ModelConfig}, refusing anything it cannot honour.
 *
 * <p>{@code "attn_only": true} (TransformerLens's name) marks an attention-only model: blocks without
 * {@code ln_2} and {@code mlp}; {@code n_inner} and {@code activation_function} are then ignored.
 * {@code positional_embedding_type} (TransformerLens's key) is {@code "standard"} (GPT-2's; also when absent) or
 * {@code "shortformer"}, which adds W_pos to the q and k inputs of every layer instead of to the residual stream
 * once (TransformerLens's attention-only models); anything else is refused. {@code "prepend_bos": true} puts
 * {@code bos_token_id} in front of every prompt, as TransformerLens's tokenisation does by default.
 */
public final class HfConfigReader {

    private HfConfigReader() {
    }

    /**
     * What {@code config.json} says: the model's shape, and whether the unembedding is {@code wte} itself
     * ({@code tie_word_embeddings}, true when absent as in GPT-2; false asks for an {@code lm_head.weight}).
     */
    record Parsed(ModelConfig config, boolean tiedEmbeddings) {
    }

    public static ModelConfig read(Path configFile) throws ModelFormatException {
        return parse(configFile).config();
    }

    static Parsed parse(Path configFile) throws ModelFormatException {
        JsonObject json;
        try {
            JsonElement root = JsonFiles.read(configFile);
            if (!root.isJsonObject()) {
                throw new ModelFormatException(configFile + ": expected a JSON object, found " + JsonFiles.kindOf(root));
            }
            json = root.getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(configFile + ": not found (a Hugging Face model directory needs config.json)");
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
        return new Parsed(config(json, configFile), !json.has("tie_word_embeddings") || json.get("tie_word_embeddings").isJsonNull()
                || flag(json, "tie_word_embeddings", configFile));
    }

    private static ModelConfig config(JsonObject json, Path configFile) throws ModelFormatException {
        if (json.has("model_type") && !"gpt2".equals(string(json, "model_type", configFile))) {
            throw new ModelFormatException(configFile + ": model_type is '" + string(json, "model_type", configFile)
                    + "', only GPT-2-architecture models (model_type \"gpt2\") are supported");
        }
        PositionalEmbedding positional = PositionalEmbedding.STANDARD;
        if (json.has("positional_embedding_type") && !json.get("positional_embedding_type").isJsonNull()) {
            String type = string(json, "positional_embedding_type", configFile);
            positional = PositionalEmbedding.fromConfigName(type);
            if (positional == null) {
                throw new ModelFormatException(configFile + ": positional_embedding_type '" + type + "' is not supported, only 'standard' "
                        + "(GPT-2's learned embedding added to the residual stream once) and 'shortformer' (TransformerLens's: "
                        + "added to every layer's q and k inputs instead)");
            }
        }
        OptionalInt bos = OptionalInt.empty();
        if (flag(json, "prepend_bos", configFile)) {
            if (!json.has("bos_token_id") || json.get("bos_token_id").isJsonNull()) {
                throw new ModelFormatException(configFile + ": prepend_bos is true but there is no bos_token_id to prepend "
                        + "(add \"bos_token_id\", the tokenizer's BOS id, or set prepend_bos to false)");
            }
            bos = OptionalInt.of(integer(json, "bos_token_id", configFile));
        }
        if (json.has("scale_attn_weights") && !json.get("scale_attn_weights").isJsonNull() && !flag(json, "scale_attn_weights", configFile)) {
            throw new ModelFormatException(configFile + ": scale_attn_weights=false is not supported");
        }
        boolean attnOnly = flag(json, "attn_only", configFile);
        int nLayer = integer(json, "n_layer", configFile);
        int nHead = integer(json, "n_head", configFile);
        int dModel = integer(json, "n_embd", configFile);
        int nPositions = json.has("n_positions") ? integer(json, "n_positions", configFile) : integer(json, "n_ctx", configFile);
        int vocab = integer(json, "vocab_size", configFile);
        if (dModel > Integer.MAX_VALUE / 4) {
            // Shapes such as [n_embd, 3·n_embd] and the default n_inner of 4·n_embd must fit in an int.
            throw new ModelFormatException(configFile + ": 'n_embd' " + dModel + " is too large (at most " + Integer.MAX_VALUE / 4 + ")");
        }
        if (attnOnly) {
            try {
                return ModelConfig.attentionOnly(nLayer, nHead, dModel, nPositions, vocab, eps(json, configFile))
                        .withPositionalEmbedding(positional).withBosToken(bos);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(configFile + ": " + e.getMessage(), e);
            }
        }
        int dMlp = json.has("n_inner") && !json.get("n_inner").isJsonNull() ? integer(json, "n_inner", configFile) : 4 * dModel;
        double eps = eps(json, configFile);
        String act = json.has("activation_function") ? string(json, "activation_function", configFile) : "gelu_new";
        Activation activation = Activation.fromHuggingFace(act);
        if (activation == null) {
            throw new ModelFormatException(configFile + ": activation_function '" + act
                    + "' is not supported (expected gelu_new, gelu_pytorch_tanh, gelu or relu)");
        }
        try {
            return new ModelConfig(nLayer, nHead, dModel, dMlp, nPositions, vocab, eps, activation, false, positional, bos);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(configFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds the keys this reader gives a meaning beyond GPT-2's to a config.json being written, where they differ
     * from the defaults: {@code positional_embedding_type} and {@code prepend_bos} with {@code bos_token_id}.
     */
    static void addNonGpt2Keys(JsonObject json, ModelConfig c) {
        if (c.positionalEmbedding() != PositionalEmbedding.STANDARD) {
            json.addProperty("positional_embedding_type", c.positionalEmbedding().configName());
        }
        if (c.bosToken().isPresent()) {
            json.addProperty("prepend_bos", true);
            json.addProperty("bos_token_id", c.bosToken().getAsInt());
        }
    }

    private static double eps(JsonObject json, Path file) throws ModelFormatException {
        return json.has("layer_norm_epsilon") ? number(json, "layer_norm_epsilon", file) : 1e-5;
    }

    /** An optional boolean key, false when absent or null. */
    private static boolean flag(JsonObject json, String key, Path file) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new ModelFormatException(file + ": '" + key + "' must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    private static int integer(JsonObject json, String key, Path file) throws ModelFormatException {
        double v = number(json, key, file);
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new ModelFormatException(file + ": '" + key + "' must be a non-negative integer, got " + json.get(key));
        }
        return (int) v;
    }

    private static double number(JsonObject json, String key, Path file) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ModelFormatException(file + ": missing key '" + key + "'");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ModelFormatException(file + ": '" + key + "' must be a number, got " + e);
        }
        if (!Double.isFinite(e.getAsDouble())) {
            throw new ModelFormatException(file + ": '" + key + "' is " + e + ", beyond the range of a number");
        }
        return e.getAsDouble();
    }

    private static String string(JsonObject json, String key, Path file) throws ModelFormatException {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ModelFormatException(file + ": '" + key + "' must be a string, got " + e);
        }
        return e.getAsString();
    }
}
