package org.eapexplorer.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of each family's transformers configuration class that changes the computation is read, or refused by name
 * when it holds what the engine cannot honour; a null where a number is needed is refused naming the key; the keys
 * that change nothing at inference are accepted whatever they hold.
 */
class ConfigKeyPolicyTest {

    static final String GPT2 = """
            {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_layer": 2, "n_head": 4, "n_embd": 32,
             "n_positions": 64, "vocab_size": 50}""";
    static final String LLAMA = """
            {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50,
             "max_position_embeddings": 256}""";
    static final String QWEN2 = """
            {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50,
             "max_position_embeddings": 256}""";
    static final String QWEN2_SLIDING = QWEN2.replace("}", ", \"use_sliding_window\": true, \"sliding_window\": 4, \"max_window_layers\": 1}");
    static final String QWEN3 = """
            {"model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50,
             "max_position_embeddings": 256, "head_dim": 16}""";
    static final String MISTRAL = """
            {"model_type": "mistral", "architectures": ["MistralForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50,
             "max_position_embeddings": 256, "sliding_window": 4}""";
    static final String NEOX = """
            {"model_type": "gpt_neox", "architectures": ["GPTNeoXForCausalLM"], "hidden_size": 32, "intermediate_size": 64,
             "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 50, "max_position_embeddings": 256}""";
    static final String GEMMA3 = """
            {"model_type": "gemma3_text", "architectures": ["Gemma3ForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 8, "vocab_size": 50,
             "max_position_embeddings": 256}""";
    static final String GEMMA2 = """
            {"model_type": "gemma2", "architectures": ["Gemma2ForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 8, "vocab_size": 50,
             "max_position_embeddings": 256}""";

    static final String OLMO2 = """
            {"model_type": "olmo2", "architectures": ["Olmo2ForCausalLM"], "hidden_size": 32, "intermediate_size": 48,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50,
             "max_position_embeddings": 256}""";

    @TempDir
    Path dir;

    ModelFamilies.Read read(String base, String key, String value) throws IOException {
        JsonObject json = JsonParser.parseString(base).getAsJsonObject();
        if (key != null) {
            json.add(key, JsonParser.parseString(value));
        }
        Path f = dir.resolve("config.json");
        Files.writeString(f, json.toString());
        return ModelFamilies.read(f);
    }

    /** Family, key, a value the engine cannot honour, and what the one-line refusal must also say. */
    static Stream<Arguments> refused() {
        return Stream.of(
                // GPT-2 (GPT2Config)
                Arguments.of(GPT2, "scale_attn_by_inverse_layer_idx", "true", "scale_attn_by_inverse_layer_idx"),
                Arguments.of(GPT2, "scale_attn_weights", "false", "scale_attn_weights"),
                Arguments.of(GPT2, "pruned_heads", "{\"0\": [1]}", "pruned_heads"),
                Arguments.of(GPT2, "quantization_config", "{\"quant_method\": \"gptq\"}", "quantization_config"),
                Arguments.of(GPT2, "num_attention_heads", "2", "n_head"),
                Arguments.of(GPT2, "hidden_size", "64", "n_embd"),
                Arguments.of(GPT2, "num_hidden_layers", "3", "n_layer"),
                Arguments.of(GPT2, "max_position_embeddings", "32", "n_positions"),
                Arguments.of(GPT2, "layer_norm_epsilon", "null", "layer_norm_epsilon"),
                Arguments.of(GPT2, "layer_norm_epsilon", "0", "layer_norm_epsilon"),
                Arguments.of(GPT2, "layer_norm_epsilon", "-1e-5", "layer_norm_epsilon"),
                Arguments.of(GPT2, "n_positions", "null", "n_positions"),
                Arguments.of(GPT2, "n_inner", "0", "n_inner"),
                Arguments.of(GPT2, "activation_function", "null", "activation_function"),
                Arguments.of(GPT2, "tie_word_embeddings", "null", "tie_word_embeddings"),
                // Llama (LlamaConfig)
                Arguments.of(GEMMA3, "use_bidirectional_attention", "true", "use_bidirectional_attention"),
                Arguments.of(GEMMA3, "pruned_heads", "{\"0\": [1]}", "pruned_heads"),
                Arguments.of(GEMMA3, "quantization_config", "{\"quant_method\": \"awq\"}", "quantization_config"),
                Arguments.of(GEMMA3, "rope_parameters", "{\"rope_type\": \"default\", \"rope_theta\": 10000.0}", "rope_parameters.rope_type"),
                Arguments.of(GEMMA3, "rope_parameters", "{\"full_attention\": {\"rope_type\": \"default\"}}", "rope_parameters.sliding_attention"),
                Arguments.of(GEMMA3, "rope_parameters", "{\"full_attention\": {\"rope_type\": \"yarn\", \"factor\": 2.0}, "
                        + "\"sliding_attention\": {\"rope_type\": \"default\"}}", "yarn"),
                Arguments.of(GEMMA3, "rope_local_base_freq", "0", "rope_local_base_freq"),
                Arguments.of(GEMMA3, "sliding_window_pattern", "0", "sliding_window_pattern"),
                Arguments.of(GEMMA2, "use_bidirectional_attention", "true", "use_bidirectional_attention"),
                Arguments.of(GEMMA2, "pruned_heads", "{\"0\": [1]}", "pruned_heads"),
                Arguments.of(GEMMA2, "quantization_config", "{\"quant_method\": \"awq\"}", "quantization_config"),
                Arguments.of(GEMMA2, "query_pre_attn_scalar", "0", "query_pre_attn_scalar"),
                Arguments.of(GEMMA2, "attn_logit_softcapping", "-50", "attn_logit_softcapping"),
                Arguments.of(GEMMA2, "final_logit_softcapping", "\"30\"", "final_logit_softcapping"),
                Arguments.of(GEMMA2, "hidden_activation", "\"swiglu\"", "hidden_activation"),
                Arguments.of(GEMMA2, "head_dim", "0", "head_dim"),
                Arguments.of(GEMMA2, "sliding_window", "null", "sliding_window"),
                Arguments.of(GEMMA2, "layer_types", "[\"full_attention\"]", "layer_types"),
                Arguments.of(OLMO2, "pruned_heads", "{\"0\": [1]}", "pruned_heads"),
                Arguments.of(OLMO2, "quantization_config", "{\"quant_method\": \"awq\"}", "quantization_config"),
                Arguments.of(OLMO2, "rms_norm_eps", "null", "rms_norm_eps"),
                Arguments.of(OLMO2, "head_dim", "0", "head_dim"),
                Arguments.of(OLMO2, "partial_rotary_factor", "0.5", "partial_rotary_factor"),
                Arguments.of(OLMO2, "rope_scaling", "{\"rope_type\": \"yarn\", \"factor\": 4.0}", "yarn"),
                Arguments.of(LLAMA, "mlp_bias", "true", "mlp_bias"),
                Arguments.of(LLAMA, "partial_rotary_factor", "0.5", "partial_rotary_factor"),
                Arguments.of(LLAMA, "rope_theta", "null", "rope_theta"),
                Arguments.of(LLAMA, "rope_theta", "0", "rope_theta"),
                Arguments.of(LLAMA, "rope_theta", "-10000", "rope_theta"),
                Arguments.of(LLAMA, "rope_theta", "1e-320", "rope_theta"),
                Arguments.of(LLAMA, "rms_norm_eps", "0", "rms_norm_eps"),
                Arguments.of(LLAMA, "rms_norm_eps", "null", "rms_norm_eps"),
                Arguments.of(LLAMA, "num_key_value_heads", "0", "num_key_value_heads"),
                Arguments.of(LLAMA, "max_position_embeddings", "0", "max_position_embeddings"),
                Arguments.of(LLAMA, "max_position_embeddings", "null", "max_position_embeddings"),
                Arguments.of(LLAMA, "intermediate_size", "0", "intermediate_size"),
                Arguments.of(LLAMA, "head_dim", "0", "head_dim"),
                Arguments.of(LLAMA, "hidden_act", "null", "hidden_act"),
                Arguments.of(LLAMA, "pruned_heads", "{\"0\": [1]}", "pruned_heads"),
                Arguments.of(LLAMA, "quantization_config", "{\"quant_method\": \"bitsandbytes\"}", "quantization_config"),
                Arguments.of(LLAMA, "rope_scaling", "{\"factor\": 2.0}", "rope_type"),
                Arguments.of(LLAMA, "rope_scaling", "{\"rope_type\": \"yarn\", \"factor\": 4.0}", "yarn"),
                Arguments.of(LLAMA, "rope_scaling", "{\"rope_type\": \"dynamic\", \"factor\": 4.0}", "dynamic"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"yarn\", \"factor\": 4.0, \"rope_theta\": 10000.0}", "yarn"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"longrope\", \"short_factor\": [1], \"long_factor\": [1]}", "longrope"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"dynamic\", \"factor\": 2.0}", "dynamic"),
                Arguments.of(LLAMA, "rope_parameters", "{\"factor\": 2.0}", "rope_type"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"default\", \"rope_theta\": null}", "rope_theta"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"default\", \"rope_theta\": 0}", "rope_theta"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"default\", \"factor\": 4.0}", "factor"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"linear\", \"factor\": 0}", "factor"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"linear\", \"factor\": null}", "factor"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"linear\", \"factor\": 1e-320}", "factor"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 0,"
                        + " \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 16}", "low_freq_factor"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0,"
                        + " \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 0}", "original_max_position_embeddings"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0,"
                        + " \"high_freq_factor\": 4.0}", "original_max_position_embeddings"),
                Arguments.of(LLAMA, "rope_parameters", "{\"full_attention\": {\"rope_type\": \"default\"}}", "full_attention"),
                Arguments.of(LLAMA, "rope_parameters", "[1, 2]", "rope_parameters"),
                // Qwen2 (Qwen2Config)
                Arguments.of(QWEN2_SLIDING, "sliding_window", "0", "sliding_window"),
                Arguments.of(QWEN2_SLIDING, "max_window_layers", "null", "max_window_layers"),
                Arguments.of(QWEN2_SLIDING, "layer_types", "[\"sliding_attention\", 3]", "layer_types"),
                Arguments.of(QWEN2, "layer_types", "[\"full_attention\", \"sliding_attention\"]", "layer_types"),
                Arguments.of(QWEN2, "layer_types", "[\"full_attention\"]", "layer_types"),
                Arguments.of(QWEN2, "partial_rotary_factor", "0.5", "partial_rotary_factor"),
                Arguments.of(QWEN2, "rope_theta", "0", "rope_theta"),
                Arguments.of(QWEN2, "rope_parameters", "{\"rope_type\": \"default\", \"partial_rotary_factor\": 0.5}", "partial_rotary_factor"),
                Arguments.of(QWEN2, "use_sliding_window", "null", "use_sliding_window"),
                Arguments.of(QWEN2, "pruned_heads", "{\"1\": [0, 1]}", "pruned_heads"),
                Arguments.of(QWEN2, "quantization_config", "{\"quant_method\": \"awq\"}", "quantization_config"),
                // Qwen3 (Qwen3Config)
                Arguments.of(QWEN3, "head_dim", "0", "head_dim"),
                Arguments.of(QWEN3, "head_dim", "null", "head_dim"),
                Arguments.of(QWEN3, "layer_types", "[\"sliding_attention\", \"full_attention\"]", "layer_types"),
                Arguments.of(QWEN3, "layer_types", "[\"full_attention\", \"chunked_attention\"]", "chunked_attention"),
                Arguments.of(QWEN3, "rope_theta", "0", "rope_theta"),
                Arguments.of(QWEN3, "pruned_heads", "{\"1\": [0]}", "pruned_heads"),
                Arguments.of(QWEN3, "quantization_config", "{\"quant_method\": \"awq\"}", "quantization_config"),
                // Mistral (MistralConfig)
                Arguments.of(MISTRAL, "sliding_window", "0", "sliding_window"),
                Arguments.of(MISTRAL, "sliding_window", "-4", "sliding_window"),
                Arguments.of(MISTRAL, "head_dim", "0", "head_dim"),
                Arguments.of(MISTRAL, "pruned_heads", "{\"1\": [0]}", "pruned_heads"),
                Arguments.of(MISTRAL, "quantization_config", "{\"quant_method\": \"awq\"}", "quantization_config"),
                // GPT-NeoX (GPTNeoXConfig)
                Arguments.of(NEOX, "attention_bias", "false", "attention_bias"),
                Arguments.of(NEOX, "rotary_pct", "0.1", "rotary_pct"),
                Arguments.of(NEOX, "rotary_pct", "2", "rotary_pct"),
                Arguments.of(NEOX, "rotary_pct", "null", "rotary_pct"),
                Arguments.of(NEOX, "rotary_emb_base", "0", "rotary_emb_base"),
                Arguments.of(NEOX, "rotary_emb_base", "-1", "rotary_emb_base"),
                Arguments.of(NEOX, "rotary_emb_base", "null", "rotary_emb_base"),
                Arguments.of(NEOX, "rope_theta", "0", "rope_theta"),
                Arguments.of(NEOX, "rope_scaling", "{\"type\": \"dynamic\", \"factor\": 2.0}", "dynamic"),
                Arguments.of(NEOX, "rope_parameters", "{\"rope_type\": \"yarn\", \"factor\": 2.0}", "yarn"),
                Arguments.of(NEOX, "rope_parameters", "{\"rope_type\": \"default\", \"rope_theta\": -5}", "rope_theta"),
                Arguments.of(NEOX, "layer_norm_eps", "0", "layer_norm_eps"),
                Arguments.of(NEOX, "use_parallel_residual", "null", "use_parallel_residual"),
                Arguments.of(NEOX, "pruned_heads", "{\"1\": [0]}", "pruned_heads"),
                Arguments.of(NEOX, "quantization_config", "{}", "quantization_config"));
    }

    @ParameterizedTest(name = "{1} = {2}")
    @MethodSource("refused")
    void aKeyTheEngineCannotHonourIsRefusedByName(String base, String key, String value, String named) {
        String message = assertThrows(ModelFormatException.class, () -> read(base, key, value)).getMessage();
        assertTrue(message.contains("config.json"), message);
        assertTrue(message.contains(named), message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    /** Family, key, and a value that changes nothing at inference: read the same as without the key. */
    static Stream<Arguments> harmless() {
        return Stream.of(
                Arguments.of(GPT2, "use_cache", "false"),
                Arguments.of(GPT2, "torch_dtype", "\"float16\""),
                Arguments.of(GPT2, "resid_pdrop", "0.3"),
                Arguments.of(GPT2, "attn_pdrop", "0.3"),
                Arguments.of(GPT2, "embd_pdrop", "0.3"),
                Arguments.of(GPT2, "summary_type", "\"mean\""),
                Arguments.of(GPT2, "summary_first_dropout", "0.5"),
                Arguments.of(GPT2, "reorder_and_upcast_attn", "true"),
                Arguments.of(GPT2, "initializer_range", "0.5"),
                Arguments.of(GPT2, "transformers_version", "\"5.0.0\""),
                Arguments.of(GPT2, "n_inner", "null"),
                Arguments.of(GPT2, "pruned_heads", "{}"),
                Arguments.of(GPT2, "quantization_config", "null"),
                Arguments.of(GPT2, "num_attention_heads", "4"),
                Arguments.of(LLAMA, "pretraining_tp", "2"),
                Arguments.of(LLAMA, "attention_dropout", "0.1"),
                Arguments.of(LLAMA, "use_cache", "false"),
                Arguments.of(LLAMA, "dtype", "\"bfloat16\""),
                Arguments.of(LLAMA, "pad_token_id", "null"),
                Arguments.of(LLAMA, "head_dim", "null"),
                Arguments.of(LLAMA, "head_dim", "8"),
                Arguments.of(LLAMA, "rope_scaling", "null"),
                Arguments.of(LLAMA, "rope_parameters", "null"),
                Arguments.of(LLAMA, "rope_theta", "10000"),
                Arguments.of(LLAMA, "partial_rotary_factor", "1.0"),
                Arguments.of(LLAMA, "mlp_bias", "false"),
                Arguments.of(LLAMA, "rope_parameters", "{\"rope_type\": \"default\", \"rope_theta\": 10000.0}"),
                Arguments.of(LLAMA, "rope_scaling", "{\"type\": \"default\"}"),
                Arguments.of(QWEN2, "use_sliding_window", "false"),
                Arguments.of(QWEN2, "sliding_window", "4"),
                Arguments.of(QWEN2, "sliding_window", "null"),
                Arguments.of(QWEN2, "max_window_layers", "1"),
                Arguments.of(QWEN2, "layer_types", "[\"full_attention\", \"full_attention\"]"),
                Arguments.of(QWEN2, "attention_dropout", "0.2"),
                Arguments.of(QWEN2, "use_sliding_window", "true"),   // sliding_window is absent: no window
                Arguments.of(QWEN3, "sliding_window", "4"),          // use_sliding_window is absent (false)
                Arguments.of(QWEN3, "max_window_layers", "0"),
                Arguments.of(QWEN3, "layer_types", "[\"full_attention\", \"full_attention\"]"),
                Arguments.of(QWEN3, "attention_dropout", "0.2"),
                Arguments.of(QWEN3, "head_dim", "16"),
                Arguments.of(MISTRAL, "layer_types", "[\"full_attention\", \"full_attention\"]"),  // MistralModel ignores it
                Arguments.of(MISTRAL, "attention_dropout", "0.2"),
                Arguments.of(NEOX, "hidden_dropout", "0.3"),
                Arguments.of(NEOX, "attention_dropout", "0.3"),
                Arguments.of(NEOX, "classifier_dropout", "0.3"),
                Arguments.of(NEOX, "is_decoder", "true"),
                Arguments.of(NEOX, "rotary_pct", "0.25"),
                Arguments.of(NEOX, "rotary_emb_base", "10000"),
                Arguments.of(NEOX, "rope_theta", "10000"),
                Arguments.of(NEOX, "rope_scaling", "null"),
                Arguments.of(NEOX, "attention_bias", "true"),
                Arguments.of(GEMMA3, "attention_dropout", "0.1"),
                Arguments.of(GEMMA3, "rope_local_base_freq", "10000"),
                Arguments.of(GEMMA3, "rope_theta", "1000000"),
                Arguments.of(GEMMA3, "sliding_window_pattern", "6"),
                Arguments.of(GEMMA3, "attn_logit_softcapping", "null"),
                Arguments.of(GEMMA3, "use_bidirectional_attention", "false"),
                Arguments.of(GEMMA3, "rope_parameters", "{\"full_attention\": {\"rope_type\": \"default\", \"rope_theta\": 1000000.0}, "
                        + "\"sliding_attention\": {\"rope_type\": \"default\", \"rope_theta\": 10000.0}}"),
                Arguments.of(GEMMA2, "attention_dropout", "0.1"),
                Arguments.of(GEMMA2, "cache_implementation", "\"hybrid\""),
                Arguments.of(GEMMA2, "hidden_act", "\"silu\""),
                Arguments.of(GEMMA2, "use_bidirectional_attention", "false"),
                Arguments.of(GEMMA2, "use_bidirectional_attention", "null"),
                Arguments.of(GEMMA2, "sliding_window", "4096"),
                Arguments.of(GEMMA2, "hidden_activation", "\"gelu_pytorch_tanh\""),
                Arguments.of(GEMMA2, "layer_types", "[\"sliding_attention\", \"full_attention\"]"),
                Arguments.of(OLMO2, "attention_dropout", "0.1"),
                Arguments.of(OLMO2, "head_dim", "8"),
                Arguments.of(OLMO2, "rope_scaling", "null"));
    }

    @ParameterizedTest(name = "{1} = {2}")
    @MethodSource("harmless")
    void aKeyThatChangesNothingIsAccepted(String base, String key, String value) throws IOException {
        ModelConfig without = read(base, null, null).config();
        ModelConfig with = read(base, key, value).config();
        assertEquals(without, with);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void keysNoClassDefinesAreIgnoredAndListed(String base) throws IOException {
        ModelFamilies.Read r = read(base, "my_notes", "\"trained on a Tuesday\"");
        assertEquals(read(base, null, null).config(), r.config());
        assertEquals(java.util.List.of("my_notes"), r.unreadKeys());
    }

    static Stream<String> families() {
        return Stream.of(GPT2, LLAMA, QWEN2, NEOX, QWEN3, MISTRAL, GEMMA2, GEMMA3, OLMO2);
    }

    /** Every key the table of each family names is a key of its transformers class (or PreTrainedConfig's). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void theBaseConfigsHaveNoUnreadKeys(String base) throws IOException {
        assertTrue(read(base, null, null).unreadKeys().isEmpty());
    }

    /** The table of refusals above covers every key each family's table (and PreTrainedConfig's) refuses. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(org.eapexplorer.model.Family.class)
    void everyRefusedKeyOfEveryTableIsTried(org.eapexplorer.model.Family family) {
        String base = switch (family) {
            case GPT2 -> GPT2;
            case LLAMA -> LLAMA;
            case QWEN2 -> QWEN2;
            case GPT_NEOX -> NEOX;
            case QWEN3 -> QWEN3;
            case MISTRAL -> MISTRAL;
            case GEMMA2 -> GEMMA2;
            case GEMMA3 -> GEMMA3;
            case OLMO2 -> OLMO2;
        };
        java.util.Set<String> tried = refused().filter(a -> a.get()[0].equals(base)).map(a -> (String) a.get()[1])
                .collect(java.util.stream.Collectors.toSet());
        Stream.concat(ConfigKeys.COMMON.refused().stream(), ModelFamilies.of(family).keys(family).refused().stream())
                .forEach(r -> assertTrue(tried.contains(r.key()), family + " refuses " + r.key() + " but no case tries it"));
    }
}
