package org.eapexplorer.family.gemma2;

import org.eapexplorer.family.llama.LlamaNames;

/**
 * The tensor names of Hugging Face's modeling_gemma2.py where they differ from Llama's ({@link LlamaNames}, whose
 * projections, embedding and final norm Gemma-2 shares): four norms a block. Gemma-2's {@code post_attention_layernorm}
 * normalises the attention's output (Llama's of that name is the MLP's input norm).
 */
public final class Gemma2Names {

    public static final String INPUT_NORM = "input_layernorm";
    public static final String POST_ATTENTION_NORM = LlamaNames.NORM2;
    public static final String PRE_FEEDFORWARD_NORM = "pre_feedforward_layernorm";
    public static final String POST_FEEDFORWARD_NORM = LlamaNames.POST_FEEDFORWARD_NORM;

    private Gemma2Names() {
    }
}
