package org.eapexplorer.family.gemma2;

import java.util.List;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.RopeParameters;

/** What the Gemma-2 reader does with each key of transformers' {@code Gemma2Config} (configuration_gemma2.py): see {@link ConfigKeys}. */
final class Gemma2Keys {

    /** rope_theta (default 10,000); the whole head rotates. */
    static final RopeParameters.FamilyKeys ROPE = new RopeParameters.FamilyKeys(List.of("rope_theta"), 10000.0,
            List.of("partial_rotary_factor"), 1.0, false);

    static final ConfigKeys KEYS = new ConfigKeys(
            List.of("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
                    "head_dim", "hidden_activation", "max_position_embeddings", "rms_norm_eps", "tie_word_embeddings", "rope_parameters",
                    "rope_theta", "rope_scaling", "partial_rotary_factor", "attention_bias", "query_pre_attn_scalar", "sliding_window",
                    "layer_types", "final_logit_softcapping", "attn_logit_softcapping"),
            // attention_dropout acts in training only; cache_implementation picks the generation cache. Published Gemma-2
            // configs also carry hidden_act, which Gemma2Config does not define and modeling_gemma2 never reads (its MLP
            // reads hidden_activation).
            List.of("attention_dropout", "cache_implementation", "hidden_act"),
            List.of(new ConfigKeys.Refused("use_bidirectional_attention", "false or null",
                    (json, key) -> json.isNullOrAbsent(key) || !json.flag(key, false),
                    "bidirectional attention (an encoder's) is not a causal language model's")));

    private Gemma2Keys() {
    }

    /** A soft-capping value: 0 for null (none). */
    static double softcap(ConfigJson json, String key, double otherwise) throws org.eapexplorer.model.ModelFormatException {
        if (json.get(key) != null && json.get(key).isJsonNull()) {
            return 0;
        }
        return json.positive(key, otherwise);
    }
}
