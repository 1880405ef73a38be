package org.eapexplorer.family.gemma3;

import java.util.List;
import org.eapexplorer.family.ConfigKeys;

/** What the Gemma-3 reader does with each key of transformers' {@code Gemma3TextConfig} (modular_gemma3.py): see {@link ConfigKeys}. */
final class Gemma3Keys {

    static final ConfigKeys KEYS = new ConfigKeys(
            List.of("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
                    "head_dim", "hidden_activation", "max_position_embeddings", "rms_norm_eps", "tie_word_embeddings", "rope_parameters",
                    "rope_theta", "rope_scaling", "rope_local_base_freq", "partial_rotary_factor", "attention_bias",
                    "query_pre_attn_scalar", "sliding_window", "sliding_window_pattern", "layer_types", "final_logit_softcapping",
                    "attn_logit_softcapping"),
            // As Gemma-2's: attention_dropout acts in training only, cache_implementation picks the generation cache, and
            // hidden_act is not Gemma3TextConfig's (its MLP reads hidden_activation).
            List.of("attention_dropout", "cache_implementation", "hidden_act"),
            List.of(new ConfigKeys.Refused("use_bidirectional_attention", "false or null",
                    (json, key) -> json.isNullOrAbsent(key) || !json.flag(key, false),
                    "bidirectional attention (EmbeddingGemma's, an encoder's) is not a causal language model's")));

    private Gemma3Keys() {
    }
}
