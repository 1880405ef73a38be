package org.eapexplorer.family.llama;

import java.util.List;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.RopeParameters;

/**
 * What the Llama/Qwen2 reader does with each key of transformers' {@code LlamaConfig} and {@code Qwen2Config}: see
 * {@link ConfigKeys}. Both read their rotary settings through {@link RopeParameters}, rotating the whole head.
 */
public final class LlamaKeys {

    /** rope_theta (default 10,000) and partial_rotary_factor, which must be 1: modeling_llama/qwen2 rotate the whole head. */
    public static final RopeParameters.FamilyKeys ROPE = new RopeParameters.FamilyKeys(List.of("rope_theta"), 10000.0,
            List.of("partial_rotary_factor"), 1.0, false);

    public static final List<String> READ = List.of("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
            "num_attention_heads", "num_key_value_heads", "hidden_act", "max_position_embeddings", "rms_norm_eps",
            "tie_word_embeddings", "head_dim", "rope_parameters", "rope_theta", "rope_scaling", "partial_rotary_factor",
            "original_max_position_embeddings");
    // attention_dropout applies in training only.
    public static final List<String> HARMLESS = List.of("attention_dropout");

    // attention_bias is read against the checkpoint (LlamaFamily.checkAgainst). pretraining_tp > 1 makes transformers 4.x
    // compute the same products in slices and sum them (5.x ignores it): rounding only.
    static final ConfigKeys LLAMA = new ConfigKeys(concat(READ, List.of("attention_bias")), concat(HARMLESS, List.of("pretraining_tp")),
            List.of(ConfigKeys.mustBe("mlp_bias", false, "Llama's mlp_bias adds a bias to the gate, up and down projections")));

    /** Qwen2Config's (and Qwen3Config's) sliding-window keys: {@link org.eapexplorer.family.SlidingWindows#qwen}. */
    public static final List<String> QWEN_WINDOWS = List.of("layer_types", "use_sliding_window", "sliding_window", "max_window_layers");

    static final ConfigKeys QWEN2 = new ConfigKeys(concat(READ, QWEN_WINDOWS), HARMLESS, List.of());

    private LlamaKeys() {
    }

    public static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
