package org.eapexplorer.family.gpt2;

import java.util.List;
import org.eapexplorer.family.ConfigKeys;

/**
 * What the GPT-2 reader does with each key of transformers' {@code GPT2Config} (and the TransformerLens keys it gives
 * a meaning): see {@link ConfigKeys}.
 */
final class Gpt2Keys {

    /** GPT2Config's attribute_map: config.json may use these names for n_embd, n_positions, n_head and n_layer. */
    static final List<List<String>> ALIASES = List.of(List.of("n_embd", "hidden_size"), List.of("n_positions", "max_position_embeddings"),
            List.of("n_head", "num_attention_heads"), List.of("n_layer", "num_hidden_layers"));

    static final ConfigKeys KEYS = new ConfigKeys(
            List.of("vocab_size", "n_positions", "n_ctx", "n_embd", "n_layer", "n_head", "n_inner", "activation_function",
                    "layer_norm_epsilon", "tie_word_embeddings", "scale_attn_weights", "bos_token_id",
                    "hidden_size", "max_position_embeddings", "num_attention_heads", "num_hidden_layers",
                    "attn_only", "positional_embedding_type", "prepend_bos"),
            // reorder_and_upcast_attn computes the same softmax(q·k/√d) in float32 with the scale applied first: rounding only.
            // add_cross_attention adds layers that only run given an encoder's states (their tensors would be refused).
            List.of("resid_pdrop", "embd_pdrop", "attn_pdrop", "summary_type", "summary_use_proj", "summary_activation",
                    "summary_proj_to_labels", "summary_first_dropout", "reorder_and_upcast_attn", "add_cross_attention"),
            List.of(ConfigKeys.mustBe("scale_attn_by_inverse_layer_idx", false,
                    "it divides every layer's attention scores by layer index + 1")));

    private Gpt2Keys() {
    }
}
