package org.eapexplorer.model;

import java.util.Locale;

/** The MLP non-linearities that checkpoints name in {@code activation_function} (GPT-2) or {@code hidden_act}. */
public enum Activation {
    /** GPT-2's own: the tanh approximation of GELU ("gelu_new", "gelu_pytorch_tanh"). */
    GELU_TANH,
    /** The exact erf form ("gelu"). */
    GELU_ERF,
    RELU,
    /** x·sigmoid(x) ("silu", "swish"): the gate of Llama's and Qwen2's SwiGLU MLP. */
    SILU;

    /** Parses a Hugging Face {@code activation_function} value; null when the name is unknown. */
    public static Activation fromHuggingFace(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "gelu" -> GELU_ERF;
            case "relu" -> RELU;
            case "silu", "swish" -> SILU;
            default -> null;
        };
    }
}
