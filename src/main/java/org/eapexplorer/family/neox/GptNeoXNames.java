package org.eapexplorer.family.neox;

/**
 * The tensor names of Hugging Face's modeling_gpt_neox.py (Pythia): what the family reads and what
 * {@code random-model --arch gpt-neox} writes, named once. Each module's tensors are its name plus {@code .weight} or
 * {@code .bias}.
 */
public final class GptNeoXNames {

    public static final String EMBED = "gpt_neox.embed_in.weight";
    public static final String FINAL_NORM = "gpt_neox.final_layer_norm";
    public static final String UNEMBED = "embed_out.weight";

    public static final String NORM1 = "input_layernorm";
    public static final String QKV = "attention.query_key_value";
    public static final String DENSE = "attention.dense";
    public static final String NORM2 = "post_attention_layernorm";
    public static final String UP = "mlp.dense_h_to_4h";
    public static final String DOWN = "mlp.dense_4h_to_h";

    private GptNeoXNames() {
    }

    /** Layer l's {@code module}'s weight: {@code gpt_neox.layers.{l}.{module}.weight}. */
    public static String weight(int l, String module) {
        return "gpt_neox.layers." + l + "." + module + ".weight";
    }

    /** Layer l's {@code module}'s bias. */
    public static String bias(int l, String module) {
        return "gpt_neox.layers." + l + "." + module + ".bias";
    }
}
