package org.eapexplorer.family.neox;

import java.util.List;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.RopeParameters;

/**
 * What the GPT-NeoX reader does with each key of transformers' {@code GPTNeoXConfig}: see {@link ConfigKeys}. Its
 * rotary settings have GPT-NeoX's own names beside v5's: rotary_emb_base for rope_theta, rotary_pct for
 * partial_rotary_factor (transformers 4.4x wrote both names of each).
 */
final class GptNeoXKeys {

    /** rotary_emb_base/rope_theta (default 10,000) and rotary_pct/partial_rotary_factor (default 0.25, Pythia's). */
    static final RopeParameters.FamilyKeys ROPE = new RopeParameters.FamilyKeys(List.of("rope_theta", "rotary_emb_base"), 10000.0,
            List.of("partial_rotary_factor", "rotary_pct"), 0.25, true);

    static final ConfigKeys KEYS = new ConfigKeys(
            List.of("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "hidden_act",
                    "max_position_embeddings", "layer_norm_eps", "tie_word_embeddings", "use_parallel_residual", "attention_bias",
                    "rope_parameters", "rope_scaling", "rope_theta", "rotary_emb_base", "partial_rotary_factor", "rotary_pct"),
            // dropout applies in training only; classifier_dropout to GPTNeoXForTokenClassification.
            List.of("attention_dropout", "hidden_dropout", "classifier_dropout"),
            List.of());

    private GptNeoXKeys() {
    }
}
