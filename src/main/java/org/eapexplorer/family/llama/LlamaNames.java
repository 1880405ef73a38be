package org.eapexplorer.family.llama;

/**
 * The tensor names of Hugging Face's modeling_llama.py and modeling_qwen2.py: what the family reads and what
 * {@code random-model --arch llama|qwen2} writes, named once. Each projection's tensors are its module's name plus
 * {@code .weight} or {@code .bias}.
 */
public final class LlamaNames {

    public static final String EMBED = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    public static final String NORM1 = "input_layernorm";
    public static final String Q = "self_attn.q_proj";
    public static final String K = "self_attn.k_proj";
    public static final String V = "self_attn.v_proj";
    public static final String O = "self_attn.o_proj";
    public static final String NORM2 = "post_attention_layernorm";
    public static final String GATE = "mlp.gate_proj";
    public static final String UP = "mlp.up_proj";
    public static final String DOWN = "mlp.down_proj";
    /** The q/k RMSNorms of the families derived from Llama's modeling code (Qwen3, Gemma-3, OLMo-2). */
    public static final String Q_NORM = "self_attn.q_norm";
    public static final String K_NORM = "self_attn.k_norm";
    /** The MLP's output norm of the post-norm families (Gemma-2/3, OLMo-2). */
    public static final String POST_FEEDFORWARD_NORM = "post_feedforward_layernorm";

    private LlamaNames() {
    }

    /** Layer l's {@code module}'s weight: {@code model.layers.{l}.{module}.weight}. */
    public static String weight(int l, String module) {
        return "model.layers." + l + "." + module + ".weight";
    }

    /** Layer l's {@code module}'s bias. */
    public static String bias(int l, String module) {
        return "model.layers." + l + "." + module + ".bias";
    }
}
